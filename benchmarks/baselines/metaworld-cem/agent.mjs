// A cross-entropy search over where to put the hand, fitted anew for every task from the adaptation episodes'
// per-step rewards (see README.md). The controller moves the hand towards a target point p at gain `gain` while
// holding the gripper effort g: action = [clip(gain · (p − hand)), g]. Each adaptation episode visits `waypoints`
// targets drawn from a Gaussian around the elite (the `elites` best-rewarded hand positions seen so far for this
// task); the Gaussian narrows every waypoint. Evaluation holds the hand at the elites' mean.
const LOW = [-0.5, 0.35, 0.0, -1];
const HIGH = [0.5, 0.95, 0.35, 1];

export default function create({ task, options }) {
  const gain = Number(options.gain ?? 10);
  const elites = Number(options.elites ?? 5);
  const waypoints = Number(options.waypoints ?? 10);
  const shrink = Number(options.shrink ?? 0.85);
  const segment = Math.max(1, Math.floor(task.maxEpisodeSteps / waypoints));
  let state = (task.seed * 2654435761 + 7) >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const clip = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

  let std, best, target, step;
  const center = () =>
    best.length
      ? LOW.map((_, i) => best.reduce((s, b) => s + b.theta[i], 0) / best.length)
      : LOW.map((lo, i) => (lo + HIGH[i]) / 2);
  const draw = () => {
    const mean = center();
    target = mean.map((m, i) => clip(m + std[i] * normal(), LOW[i], HIGH[i]));
    std = std.map((s) => Math.max(0.005, s * shrink));
  };
  const control = (observation) =>
    [0, 1, 2].map((i) => clip(gain * (target[i] - observation[i]), -1, 1)).concat([target[3]]);

  return {
    startTask() {
      std = LOW.map((lo, i) => (HIGH[i] - lo) / 4);
      best = [];
    },
    act(observation, { episodeStart, mode }) {
      if (mode === "eval") {
        if (episodeStart) target = center();
        return control(observation);
      }
      if (episodeStart) step = 0;
      if (step % segment === 0) draw();
      step++;
      return control(observation);
    },
    observe({ reward, observation }) {
      // The hand position this reward was earned at, with the gripper effort that was held.
      best.push({ score: reward, theta: [observation[0], observation[1], observation[2], target[3]] });
      best.sort((a, b) => b.score - a.score);
      best.length = Math.min(best.length, elites);
    },
    adapt() {},
  };
}
