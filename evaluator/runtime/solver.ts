import type * as tfjs from "@tensorflow/tfjs";
import type { FewshotTask } from "../protocol/messages";

/** One few-shot episode as the runtime hands it to a solver: tensors already on the active backend. */
export type EpisodeInput = {
  supportImages: tfjs.Tensor4D;
  supportLabels: tfjs.Tensor1D;
  queryImages: tfjs.Tensor4D;
  ways: number;
  shots: number;
};

/** Class probabilities as produced, to be sent back untouched: the driver judges them. */
export type EpisodeOutput = { data: Float32Array; shape: number[] };

/** How one manifest kind answers episodes. Created once per sandbox, after `init`. */
export type Solver = { solve(input: EpisodeInput): Promise<EpisodeOutput> };

export type SolverContext = { tf: typeof tfjs; bundleDir: string; task: FewshotTask };
