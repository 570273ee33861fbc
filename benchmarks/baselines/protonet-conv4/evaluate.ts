import type * as tfjs from "@tensorflow/tfjs";
import { meanWithInterval } from "@/evaluator/metrics/mean-ci";
import type { FewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { sampleEpisode } from "@/evaluator/tracks/fewshot/definition/episodes";
import { prototypeLogits } from "./protonet";

export type ProtonetEvaluation = { mean: number; halfWidth: number; episodes: number };

/**
 * In-process ProtoNet accuracy of an embedding model on meta-test episodes (no sandbox, inference mode), as the
 * evaluator's embedding kind computes it: softmax over −squared distances to the class prototypes.
 */
export function evaluateProtonet(options: {
  tf: typeof tfjs;
  model: tfjs.LayersModel;
  dataset: FewshotDataset;
  ways: number;
  shots: number;
  queries: number;
  episodes: number;
  seed: number;
}): ProtonetEvaluation {
  const { tf, model, dataset, ways, shots, queries, episodes, seed } = options;
  const accuracies: number[] = [];
  for (let index = 0; index < episodes; index++) {
    const episode = sampleEpisode({ dataset, classes: dataset.testClasses, ways, shots, queries, seed, index });
    const predicted = tf.tidy(() => {
      const support = model.predict(
        tf.tensor4d(episode.supportImages, [ways * shots, ...dataset.imageShape]),
      ) as tfjs.Tensor2D;
      const query = model.predict(
        tf.tensor4d(episode.queryImages, [ways * queries, ...dataset.imageShape]),
      ) as tfjs.Tensor2D;
      return Array.from(prototypeLogits(tf, support, query, ways).argMax(1).dataSync());
    });
    accuracies.push(
      predicted.reduce((hits, p, i) => hits + (p === episode.queryLabels[i] ? 1 : 0), 0) / predicted.length,
    );
  }
  const { mean, ciHigh } = meanWithInterval(accuracies);
  return { mean, halfWidth: ciHigh === null ? 0 : ciHigh - mean, episodes };
}
