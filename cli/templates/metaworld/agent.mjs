// @ts-check
/**
 * A working starting point: uniformly random actions in [-1, 1]^4 from a generator seeded by the run's seed, so a run
 * repeats exactly. Replace act/observe/adapt with your method; see heldout.d.ts for the exact inputs.
 * @type {import("./heldout").MetaWorldAgentFactory}
 */
export default ({ task }) => {
  const random = mulberry32(task.seed);
  /** Adaptation-episode rewards of the current task: what an adaptive method would learn from. */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a template: kept for the method to read
  let rewards = 0;
  return {
    startTask() {
      rewards = 0;
    },
    act() {
      return Array.from({ length: task.actionShape[0] }, () => random() * 2 - 1);
    },
    observe({ reward }) {
      rewards += reward;
    },
    adapt() {},
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
