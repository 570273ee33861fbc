// Uniformly random actions over the minimal action set, seeded by the run's seed: the floor every Atari score is read
// against (Dopamine's random column), and a check of the whole pipeline.
export default function create({ task }) {
  let state = (task.seed * 2654435761 + 1) >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return {
    act: () => Math.floor(next() * task.actions),
    observe() {},
  };
}
