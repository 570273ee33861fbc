import type * as tfjs from "@tensorflow/tfjs";

type Tf = typeof tfjs;

/**
 * Prototypical-network logits (Snell et al. 2017): prototype = mean support embedding per class,
 * logit = −squared euclidean distance from the query embedding to the prototype.
 * `support` [S, D] is class-major (`shots` rows of label 0, then label 1, ...); `query` [Q, D]; result [Q, ways].
 */
export function prototypeLogits(tf: Tf, support: tfjs.Tensor2D, query: tfjs.Tensor2D, ways: number): tfjs.Tensor2D {
  return tf.tidy(() => {
    const prototypes = support.reshape([ways, -1, support.shape[1]]).mean(1) as tfjs.Tensor2D;
    const difference = query.expandDims(1).sub(prototypes.expandDims(0));
    return difference.square().sum(2).neg() as tfjs.Tensor2D;
  });
}

/** Conv kernels get seeded Glorot-uniform values (TF.js initializers draw from an unseeded global generator). */
export function seedKernels(tf: Tf, model: tfjs.LayersModel, random: () => number): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== "Conv2D") continue;
    const [kernel, ...rest] = layer.getWeights();
    const [kh, kw, inChannels, outChannels] = kernel.shape;
    const limit = Math.sqrt(6 / (kh * kw * (inChannels + outChannels)));
    const values = Float32Array.from({ length: kernel.size }, () => (2 * random() - 1) * limit);
    const seeded = tf.tensor4d(values, [kh, kw, inChannels, outChannels]);
    layer.setWeights([seeded, ...rest]);
    seeded.dispose();
  }
}

/**
 * Sets every batch-norm layer's moving mean and variance to the exact statistics of its input over `images`
 * ("precise BN"). Short training leaves the moving averages (momentum 0.99) far from the batch statistics the
 * network was trained with, and inference uses the moving averages.
 */
export function preciseBatchNorm(tf: Tf, model: tfjs.Sequential, images: tfjs.Tensor4D): void {
  let x: tfjs.Tensor = images.clone();
  for (const layer of model.layers) {
    if (layer.getClassName() === "BatchNormalization") {
      const [gamma, beta] = layer.getWeights();
      const { mean, variance } = tf.moments(x, [0, 1, 2]);
      layer.setWeights([gamma, beta, mean, variance]);
      mean.dispose();
      variance.dispose();
    }
    const next = layer.apply(x, { training: false }) as tfjs.Tensor;
    x.dispose();
    x = next;
  }
  x.dispose();
}
