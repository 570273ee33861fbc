// Chance-level reference learner: random probabilities from a seeded generator, whatever the support set says.

/** mulberry32: a small seeded generator, so repeated evaluations give the same predictions. */
function createRng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export default function createLearner({ options, task }) {
  const seed = Number(options.seed ?? 0);
  let random = createRng(seed);
  return {
    // Every episode restarts the generator: it is answered on its own, as a fresh copy of this bundle would answer it.
    adapt() {
      random = createRng(seed);
    },
    predict({ images }) {
      const queries = images.shape[0];
      const probabilities = new Float32Array(queries * task.ways);
      for (let q = 0; q < queries; q++) {
        let sum = 0;
        for (let k = 0; k < task.ways; k++) {
          // Bounded away from 0 so no class is ever given probability 0.
          const v = 0.05 + random();
          probabilities[q * task.ways + k] = v;
          sum += v;
        }
        for (let k = 0; k < task.ways; k++) probabilities[q * task.ways + k] /= sum;
      }
      return probabilities;
    },
  };
}
