import type * as tfjs from "@tensorflow/tfjs";

type Tf = typeof tfjs;

/**
 * The two reference networks used to check and measure the backends:
 * Conv-4 (the few-shot embedding of ProtoNet/MAML papers) and the Nature DQN.
 */

/** 4 × [conv 3×3, 64 filters → batch norm → ReLU → 2×2 max-pool], flattened. */
export function conv4(tf: Tf, inputShape: [number, number, number] = [28, 28, 1]): tfjs.Sequential {
  const model = tf.sequential();
  for (let block = 0; block < 4; block++) {
    model.add(
      tf.layers.conv2d({
        ...(block === 0 ? { inputShape } : {}),
        filters: 64,
        kernelSize: 3,
        padding: "same",
      }),
    );
    model.add(tf.layers.batchNormalization());
    model.add(tf.layers.reLU());
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  }
  model.add(tf.layers.flatten());
  return model;
}

/** Mnih et al. 2015: 84×84×4 → conv 32 8×8/4 → 64 4×4/2 → 64 3×3/1 → dense 512 → one Q-value per action. */
export function natureDqn(tf: Tf, actions: number): tfjs.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [84, 84, 4], filters: 32, kernelSize: 8, strides: 4, activation: "relu" }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 4, strides: 2, activation: "relu" }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, strides: 1, activation: "relu" }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 512, activation: "relu" }));
  model.add(tf.layers.dense({ units: actions }));
  return model;
}

/**
 * Prototypical-network loss for one episode. `images` holds, for each of the
 * `ways` classes in turn, `shots` support images then `queries` query images.
 */
export function protoNetLoss(
  tf: Tf,
  model: tfjs.Sequential,
  images: tfjs.Tensor4D,
  episode: { ways: number; shots: number; queries: number },
): tfjs.Scalar {
  const { ways, shots, queries } = episode;
  return tf.tidy(() => {
    const embedded = model.apply(images, { training: true }) as tfjs.Tensor2D;
    const perClass = embedded.reshape([ways, shots + queries, -1]);
    const prototypes = perClass.slice([0, 0, 0], [ways, shots, -1]).mean(1);
    const query = perClass.slice([0, shots, 0], [ways, queries, -1]).reshape([ways * queries, 1, -1]);
    const distances = query.sub(prototypes.expandDims(0)).square().sum(2);
    const logProbabilities = tf.logSoftmax(distances.neg());
    const labels = tf.oneHot(tf.range(0, ways, 1, "int32").reshape([ways, 1]).tile([1, queries]).flatten(), ways);
    return logProbabilities.mul(labels).sum(1).mean().neg() as tfjs.Scalar;
  });
}

/** Huber loss of Q(s, a) against fixed targets, as in the Nature DQN update. */
export function dqnLoss(
  tf: Tf,
  model: tfjs.Sequential,
  batch: { observations: tfjs.Tensor4D; actions: tfjs.Tensor1D; targets: tfjs.Tensor1D },
  actionCount: number,
): tfjs.Scalar {
  return tf.tidy(() => {
    const q = model.apply(batch.observations, { training: true }) as tfjs.Tensor2D;
    const chosen = q.mul(tf.oneHot(batch.actions, actionCount)).sum(1);
    return tf.losses.huberLoss(batch.targets, chosen) as tfjs.Scalar;
  });
}
