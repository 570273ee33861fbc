/**
 * What Heldout's few-shot track hands a bundle, exactly. Images are float32 NHWC [N, H, W, C] with values in [0, 1]
 * (channels R, G, B for colour datasets; one channel for Omniglot and the glyphs, ink = 1 on a 0 background), unless a
 * benchmark's page states a normalisation. Support images come class after class (all shots of label 0, then label
 * 1, …); support labels are int32 0..ways−1. Query images come shuffled and their labels are never sent.
 * Predictions are class probabilities [queries, ways]: every value finite and in [0, 1], each row summing to 1
 * (±0.001). Anything else fails the submission with the exact problem.
 */
import type * as tf from "@tensorflow/tfjs";

/** The episode shape of the benchmark being evaluated, given once at start. */
export type FewshotTask = {
  track: "fewshot";
  ways: number;
  shots: number;
  queries: number;
  /** [H, W, C] of every image. */
  imageShape: [number, number, number];
};

export type SupportSet = {
  /** float32 [ways·shots, H, W, C]. */
  images: tf.Tensor4D;
  /** int32 [ways·shots], class-major. */
  labels: tf.Tensor1D;
  ways: number;
  shots: number;
};

export type QuerySet = {
  /** float32 [ways·queries, H, W, C]. */
  images: tf.Tensor4D;
};

/** Tensor2D [queries, ways], number[][] or a row-major Float32Array of probabilities. */
export type Probabilities = tf.Tensor2D | number[][] | Float32Array;

/** kind "learner": the entry module's default export. Tensors made during an episode are freed when it ends (tf.keep to hold one). */
export type LearnerFactory = (context: {
  tf: typeof tf;
  task: FewshotTask;
  options: Record<string, unknown>;
}) => Learner | Promise<Learner>;

export type Learner = {
  adapt(support: SupportSet): void | Promise<void>;
  predict(query: QuerySet): Probabilities | Promise<Probabilities>;
};

/**
 * kind "embedding": model.json is a TF.js layers or graph model mapping images [B, H, W, C] to embeddings [B, D]
 * (anything that flattens to [B, D]). Queries go to the nearest class prototype (mean support embedding), by squared
 * euclidean distance or 10 × cosine similarity, softmaxed.
 *
 * kind "finetune": model.json is a TF.js LAYERS model mapping images [B, H, W, C] to features [B, D]. Per episode a
 * linear head D → ways is added and trained with the chosen layers on the support set; body weights are restored after.
 */
export type FinetuneOptions = {
  steps: number;
  lr: number;
  optimizer: "sgd" | "adam";
  /** "head", "all", or names of the model's layers that train along with the head. */
  trainable: "head" | "all" | string[];
  head: "zero" | "prototype" | "random";
};
