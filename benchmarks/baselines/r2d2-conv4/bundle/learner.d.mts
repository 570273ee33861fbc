import type * as tfjs from "@tensorflow/tfjs";

export type R2d2Learner = {
  encoder: tfjs.LayersModel;
  adapt(support: { images: tfjs.Tensor4D; labels: tfjs.Tensor1D; ways: number; shots: number }): void;
  predict(query: { images: tfjs.Tensor4D }): tfjs.Tensor2D;
};

export function loadEncoder(tf: typeof tfjs, modelUrl: URL): Promise<tfjs.LayersModel>;
export default function createLearner(context: {
  tf: typeof tfjs;
  options: Record<string, unknown>;
}): Promise<R2d2Learner>;
