// @ts-check
/**
 * A working starting point: nearest class mean in pixel space, softmax over negative squared distances.
 * Replace adapt/predict with your method; see heldout.d.ts for the exact inputs.
 * @type {import("./heldout").LearnerFactory}
 */
export default ({ tf, task }) => {
  /** @type {import("@tensorflow/tfjs").Tensor2D | undefined} */
  let means;
  return {
    adapt({ images, labels, ways }) {
      means?.dispose();
      means = tf.tidy(() => {
        const flat = images.reshape([images.shape[0], -1]);
        const onehot = tf.oneHot(labels, ways).toFloat();
        return tf.keep(tf.matMul(onehot, flat, true).div(onehot.sum(0).expandDims(1)));
      });
    },
    predict({ images }) {
      if (!means) throw new Error("predict() before adapt()");
      const centres = means;
      return tf.tidy(() => {
        const q = images.reshape([images.shape[0], -1]);
        const distances = q
          .square()
          .sum(1, true)
          .sub(tf.matMul(q, centres, false, true).mul(2))
          .add(centres.square().sum(1).expandDims(0));
        return tf.softmax(distances.neg().div(q.shape[1] ?? 1)).as2D(images.shape[0], task.ways);
      });
    },
  };
};
