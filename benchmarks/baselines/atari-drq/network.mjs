// The Q-network of DER / DrQ: the Nature DQN encoder (conv 32 8×8/4, 64 4×4/2, 64 3×3/1, ReLU), a 512-unit hidden
// layer, and a dueling head Q = V + A − mean(A). Glorot-uniform kernels and zero biases, as Dopamine's networks.
export function createQNetwork(tf, { observationShape, actions, seed }) {
  const kernel = (i) => tf.initializers.glorotUniform({ seed: seed + i });
  const conv = (i, filters, kernelSize, strides) =>
    tf.layers.conv2d({
      filters,
      kernelSize,
      strides,
      activation: "relu",
      kernelInitializer: kernel(i),
      ...(i === 0 ? { inputShape: observationShape } : {}),
    });
  const torso = tf.sequential({
    layers: [
      conv(0, 32, 8, 4),
      conv(1, 64, 4, 2),
      conv(2, 64, 3, 1),
      tf.layers.flatten(),
      tf.layers.dense({ units: 512, activation: "relu", kernelInitializer: kernel(3) }),
    ],
  });
  const advantage = tf.layers.dense({ units: actions, kernelInitializer: kernel(4) });
  const value = tf.layers.dense({ units: 1, kernelInitializer: kernel(5) });

  /** Q-values [B, actions] of observations [B, H, W, F] scaled to [0, 1]. */
  const q = (observations) =>
    tf.tidy(() => {
      const hidden = torso.apply(observations);
      const a = advantage.apply(hidden);
      return value.apply(hidden).add(a.sub(a.mean(1, true)));
    });
  tf.tidy(() => q(tf.zeros([1, ...observationShape]))); // creates the heads' weights
  const variables = [torso, advantage, value].flatMap((layer) => layer.trainableWeights.map((w) => w.read()));
  return { q, variables };
}
