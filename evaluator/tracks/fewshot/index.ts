import type { FewshotSpec } from "@/lib/benchmark-spec";
import type { Track } from "../runner-types";
import { fewshotDefinition } from "./definition";
import { runFewshotUnit } from "./driver";

/** The few-shot runner: its definition, and a partition's episodes played against the learner in the sandbox. */
export const fewshotTrack: Track<FewshotSpec> = { ...fewshotDefinition, runUnit: runFewshotUnit };
