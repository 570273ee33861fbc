import type { Track } from "../runner-types";
import { atariDefinition } from "./definition";
import type { AtariSpec } from "./definition/spec";
import { runAtariUnit } from "./driver";

/** The Atari runner: its definition, and a unit played against the real ALE through the env bridge. */
export const atariTrack: Track<AtariSpec> = { ...atariDefinition, runUnit: (context) => runAtariUnit(context) };
