import type * as tfjs from "@tensorflow/tfjs";
import type { FewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { sampleEpisode } from "@/evaluator/tracks/fewshot/definition/episodes";
import { preciseBatchNorm } from "./protonet-conv4/protonet";

type Tf = typeof tfjs;

/** One training episode through the encoder, for a head to turn into query logits. */
export type EmbeddedEpisode = {
  support: tfjs.Tensor2D;
  query: tfjs.Tensor2D;
  supportLabels: tfjs.Tensor1D;
  ways: number;
};

/** Episodic meta-training of an encoder and a head: what the ProtoNet and R2-D2 training scripts share. */
export type EpisodicTraining = {
  tf: Tf;
  encoder: tfjs.Sequential;
  dataset: FewshotDataset;
  optimizer: tfjs.Optimizer;
  steps: number;
  seed: number;
  ways: number;
  /** Episode `step` has `shots[step % shots.length]` shots per class. */
  shots: readonly number[];
  queries: number;
  /** The query logits, computed inside the optimizer's loss so that whatever the head learns is trained too. */
  logits: (episode: EmbeddedEpisode) => tfjs.Tensor2D;
  /** Extra state for the progress line printed every 50 steps. */
  describe?: () => string;
  /** When training started (performance.now()), for the progress line. */
  started: number;
};

/** Trains on `steps` meta-train episodes, printing the mean loss and train accuracy every 50 steps. */
export function trainEpisodes(run: EpisodicTraining): void {
  let recentLoss = 0;
  let recentAccuracy = 0;
  for (let step = 0; step < run.steps; step++) {
    const { loss, accuracy } = trainEpisode(run, step);
    recentLoss += loss;
    recentAccuracy += accuracy;
    if ((step + 1) % 50 === 0) {
      const seconds = (performance.now() - run.started) / 1000;
      const extra = run.describe ? `, ${run.describe()}` : "";
      console.log(
        `step ${step + 1}: loss ${(recentLoss / 50).toFixed(3)}, train accuracy ${(recentAccuracy / 50).toFixed(3)}${extra}, ${seconds.toFixed(0)} s`,
      );
      recentLoss = 0;
      recentAccuracy = 0;
    }
  }
}

/** One optimizer step on meta-train episode `step`: its query loss and accuracy. */
function trainEpisode(run: EpisodicTraining, step: number): { loss: number; accuracy: number } {
  const { tf, encoder, dataset, optimizer, ways, queries } = run;
  const shots = run.shots[step % run.shots.length]!;
  const imageShape = dataset.imageShape;
  const episode = sampleEpisode({
    dataset,
    classes: dataset.trainClasses,
    ways,
    shots,
    queries,
    seed: run.seed,
    index: step,
  });
  return tf.tidy(() => {
    const support = tf.tensor4d(episode.supportImages, [ways * shots, ...imageShape]);
    const query = tf.tensor4d(episode.queryImages, [ways * queries, ...imageShape]);
    const supportLabels = tf.tensor1d(episode.supportLabels, "int32");
    const labels = tf.oneHot(tf.tensor1d(episode.queryLabels, "int32"), ways);
    let logits: tfjs.Tensor2D | undefined;
    const loss = optimizer.minimize(() => {
      const embedded = encoder.apply(tf.concat([support, query]), { training: true }) as tfjs.Tensor2D;
      const [s, q] = tf.split(embedded, [ways * shots, ways * queries]) as [tfjs.Tensor2D, tfjs.Tensor2D];
      logits = tf.keep(run.logits({ support: s, query: q, supportLabels, ways }));
      return tf.losses.softmaxCrossEntropy(labels, logits) as tfjs.Scalar;
    }, true)!;
    return {
      loss: loss.dataSync()[0]!,
      accuracy: logits!.argMax(1).equal(labels.argMax(1)).mean().dataSync()[0]!,
    };
  });
}

/** Precise batch-norm statistics from `normalization.shots` images of each of `normalization.ways` meta-train classes. */
export function setBatchNormFromTrainClasses(
  tf: Tf,
  encoder: tfjs.Sequential,
  dataset: FewshotDataset,
  normalization: { ways: number; shots: number },
  seed: number,
): void {
  const { ways, shots } = normalization;
  const episode = sampleEpisode({
    dataset,
    classes: dataset.trainClasses,
    ways,
    shots,
    queries: 0,
    seed,
    index: 0,
  });
  tf.tidy(() =>
    preciseBatchNorm(tf, encoder, tf.tensor4d(episode.supportImages, [ways * shots, ...dataset.imageShape])),
  );
}

/** "after N s of training (M ms per step on BACKEND)" */
export function trainingTime(trainSeconds: number, steps: number, backend: string): string {
  return `after ${trainSeconds.toFixed(0)} s of training (${((1000 * trainSeconds) / Math.max(steps, 1)).toFixed(0)} ms per step on ${backend})`;
}
