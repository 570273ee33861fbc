// @ts-check
/**
 * A working starting point: uniformly random actions from a generator seeded by the run's seed, so a run repeats
 * exactly. Replace act/observe/evaluationMode with your method; see heldout.d.ts for the exact inputs.
 * @type {import("./heldout").AtariAgentFactory}
 */
export default ({ task }) => {
  const random = mulberry32(task.seed);
  /** Learning-phase return of the current episode: what a learning method would use. */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a template: kept for the method to read
  let episodeReturn = 0;
  return {
    act(_observation, { episodeStart }) {
      if (episodeStart) episodeReturn = 0;
      return Math.floor(random() * task.actions);
    },
    observe({ reward }) {
      episodeReturn += reward;
    },
    evaluationMode() {},
  };
};

/** A small seeded generator of uniform numbers in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
