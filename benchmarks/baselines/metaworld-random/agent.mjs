// Uniformly random actions in [-1, 1]^4, seeded by the run's seed: the floor every Meta-World score is read against.
export default function create({ task }) {
  let state = (task.seed * 2654435761 + 1) >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return {
    act: () => Array.from({ length: task.actionShape[0] }, () => 2 * next() - 1),
    observe() {},
  };
}
