// @ts-check
/**
 * The R2-D2 head (Bertinetto et al. 2019): closed-form ridge regression from support features to one-hot labels,
 * solved per episode with the Woodbury identity on the n×n support Gram matrix, n = ways·shots:
 *   W = Sᵀ (S Sᵀ + λ I)⁻¹ Y        (= (SᵀS + λI)⁻¹ Sᵀ Y, without a D×D system)
 *   logits = scale · Q W
 * TF.js has no linear solver, so the n×n system is solved by a Cholesky factorisation in float64 on the CPU (n ≤ 100:
 * at most ~170k multiply-adds) wrapped as a differentiable op whose gradient is the adjoint of the solve. Shared by the
 * bundle's learner and the meta-training script, so both compute exactly the same head.
 */

/**
 * Cholesky factor of an SPD matrix: lower-triangular L (row-major n×n) with K = L Lᵀ.
 * @param {Float64Array} k row-major n×n, symmetric positive definite
 * @param {number} n
 */
export function cholesky(k, n) {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = k[i * n + j];
      for (let p = 0; p < j; p++) sum -= l[i * n + p] * l[j * n + p];
      if (i === j) {
        if (!(sum > 0))
          throw new Error(
            `ridge system is not positive definite (pivot ${i} is ${sum}); is λ > 0 and are the features finite?`,
          );
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}

/**
 * Solves L Lᵀ X = B by forward then backward substitution.
 * @param {Float64Array} l the Cholesky factor, row-major n×n
 * @param {number} n
 * @param {ArrayLike<number>} b row-major n×m
 * @param {number} m
 */
export function choleskySolve(l, n, b, m) {
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) {
      let sum = x[i * m + c];
      for (let p = 0; p < i; p++) sum -= l[i * n + p] * x[p * m + c];
      x[i * m + c] = sum / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = x[i * m + c];
      for (let p = i + 1; p < n; p++) sum -= l[p * n + i] * x[p * m + c];
      x[i * m + c] = sum / l[i * n + i];
    }
  }
  return x;
}

/**
 * K⁻¹ Y for an SPD K [n, n] and Y [n, m], differentiable: for X = K⁻¹Y and an upstream gradient G,
 * ∂/∂Y = K⁻¹G and ∂/∂K = −(K⁻¹G) Xᵀ (K symmetric, so K⁻ᵀ = K⁻¹; the same factor serves both directions).
 * @param {typeof import("@tensorflow/tfjs")} tf
 * @param {import("@tensorflow/tfjs").Tensor2D} k
 * @param {import("@tensorflow/tfjs").Tensor2D} y
 * @returns {import("@tensorflow/tfjs").Tensor2D}
 */
export function solveSpd(tf, k, y) {
  const [n, m] = y.shape;
  const solve = tf.customGrad((kIn, yIn, save) => {
    const l = cholesky(Float64Array.from(/** @type {import("@tensorflow/tfjs").Tensor} */ (kIn).dataSync()), n);
    const x = tf.tensor2d(
      Float32Array.from(choleskySolve(l, n, /** @type {import("@tensorflow/tfjs").Tensor} */ (yIn).dataSync(), m)),
      [n, m],
    );
    save([x]);
    return {
      value: x,
      gradFunc: (dy, saved) => {
        const g = tf.tensor2d(
          Float32Array.from(choleskySolve(l, n, /** @type {import("@tensorflow/tfjs").Tensor} */ (dy).dataSync(), m)),
          [n, m],
        );
        return [tf.matMul(g, saved[0], false, true).neg(), g];
      },
    };
  });
  return /** @type {import("@tensorflow/tfjs").Tensor2D} */ (solve(k, y));
}

/**
 * Ridge-regression weights W [D, ways] from support features [n, D] and int32 labels [n].
 * @param {typeof import("@tensorflow/tfjs")} tf
 * @param {import("@tensorflow/tfjs").Tensor2D} support
 * @param {import("@tensorflow/tfjs").Tensor1D} labels
 * @param {number} ways
 * @param {import("@tensorflow/tfjs").Scalar | number} lambda the ridge penalty λ > 0
 * @returns {import("@tensorflow/tfjs").Tensor2D}
 */
export function ridgeWeights(tf, support, labels, ways, lambda) {
  return tf.tidy(() => {
    const n = support.shape[0];
    const targets = tf.oneHot(labels, ways).toFloat();
    const gram = tf.matMul(support, support, false, true).add(tf.eye(n).mul(lambda));
    return tf.matMul(
      support,
      solveSpd(
        tf,
        /** @type {import("@tensorflow/tfjs").Tensor2D} */ (gram),
        /** @type {import("@tensorflow/tfjs").Tensor2D} */ (targets),
      ),
      true,
      false,
    );
  });
}

/**
 * Class logits [Q, ways] of query features [Q, D] under the ridge weights.
 * @param {typeof import("@tensorflow/tfjs")} tf
 * @param {import("@tensorflow/tfjs").Tensor2D} query
 * @param {import("@tensorflow/tfjs").Tensor2D} weights
 * @param {import("@tensorflow/tfjs").Scalar | number} scale
 * @returns {import("@tensorflow/tfjs").Tensor2D}
 */
export function ridgeLogits(tf, query, weights, scale) {
  return tf.tidy(() => tf.matMul(query, weights).mul(scale));
}
