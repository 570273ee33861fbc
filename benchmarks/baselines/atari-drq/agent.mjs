// DrQ(ε) (Kostrikov et al. 2020; ε values of Agarwal et al. 2021) as Dopamine's Atari 100K config defines it: double
// DQN with 10-step returns, a dueling Nature-CNN Q-network, random-shift augmentation of every replayed observation,
// one Adam update per agent step from 1,600 steps on, ε-greedy decaying linearly to 0.01. See README.md.
import { createQNetwork } from "./network.mjs";
import { createRandom } from "./random.mjs";
import { createReplay } from "./replay.mjs";

/** Dopamine's DrQ_eps.gin (and DER's optimizer settings); any of them can be overridden in heldout.json's options. */
export const DEFAULTS = {
  gamma: 0.99,
  nStep: 10,
  batchSize: 32,
  learningRate: 1e-4,
  adamEpsilon: 1.5e-4,
  minReplay: 1600,
  updatePeriod: 1,
  epsilonTrain: 0.01,
  epsilonEval: 0.001,
  epsilonDecaySteps: 5000,
  replayCapacity: 100_000,
  shiftPad: 4,
  intensityScale: 0.05,
  rewardClip: 1,
  lifeLossIsTerminal: true,
  logEvery: 5000,
};

export default function create({ tf, options, task }) {
  const settings = readSettings(options);
  const [height, width, stack] = task.observationShape;
  const size = height * width * stack;
  const random = createRandom(task.seed);
  const network = createQNetwork(tf, {
    observationShape: task.observationShape,
    actions: task.actions,
    seed: task.seed * 8,
  });
  const optimizer = tf.train.adam(settings.learningRate, 0.9, 0.999, settings.adamEpsilon);
  // Never more than the budget fills (a few positions per episode more are overwritten at the very end, if at all).
  let replay =
    task.learningSteps > 0
      ? createReplay({
          capacity: Math.max(stack + 1, Math.min(settings.replayCapacity, task.learningSteps + 1)),
          height,
          width,
          stack,
        })
      : null;
  const states = new Float32Array(settings.batchSize * size);
  const nextStates = new Float32Array(settings.batchSize * size);
  let steps = 0;
  let action = 0;
  let lossSum = 0;
  let lossCount = 0;

  /** Dopamine's linearly_decaying_epsilon: 1 until minReplay steps, then linearly down to epsilonTrain. */
  const epsilon = () => {
    const left = settings.epsilonDecaySteps + settings.minReplay - steps;
    return (
      settings.epsilonTrain +
      Math.min(
        Math.max(((1 - settings.epsilonTrain) * left) / Math.max(1, settings.epsilonDecaySteps), 0),
        1 - settings.epsilonTrain,
      )
    );
  };
  const greedy = async (observation) => {
    const best = tf.tidy(() =>
      network.q(tf.tensor4d(observation, [1, height, width, stack], "float32").div(255)).argMax(1),
    );
    const [choice] = await best.data();
    best.dispose();
    return choice;
  };
  const augmentation = () => ({
    dy: random.int(2 * settings.shiftPad + 1),
    dx: random.int(2 * settings.shiftPad + 1),
    pad: settings.shiftPad,
    scale: 1 + settings.intensityScale * Math.min(2, Math.max(-2, random.normal())),
  });

  /** One Adam step on a replayed batch: Huber loss of Q(s, a) against the n-step return + γᵐ max_a' Q(s', a'). */
  const update = () => {
    const batch = settings.batchSize;
    const taken = new Int32Array(batch);
    const rewards = new Float32Array(batch);
    const discounts = new Float32Array(batch);
    for (let b = 0; b < batch; b++) {
      const t = replay.sample(random, settings.nStep, settings.gamma);
      taken[b] = t.action;
      rewards[b] = t.reward;
      discounts[b] = t.discount;
      replay.writeObservation(t.state, states, b * size, augmentation());
      replay.writeObservation(t.next, nextStates, b * size, augmentation());
    }
    const shape = [batch, height, width, stack];
    // Target update period 1: the target network is the online network as it is before this step, so double DQN's
    // choice of a' and its evaluation use the same weights and one forward pass gives both.
    const targets = tf.tidy(() =>
      tf.tensor1d(rewards).add(tf.tensor1d(discounts).mul(network.q(tf.tensor4d(nextStates, shape)).max(1))),
    );
    const actionMask = tf.tidy(() => tf.oneHot(tf.tensor1d(taken, "int32"), task.actions));
    const observations = tf.tensor4d(states, shape);
    const loss = optimizer.minimize(
      () => tf.losses.huberLoss(targets, network.q(observations).mul(actionMask).sum(1)),
      true,
      network.variables,
    );
    tf.dispose([targets, actionMask, observations]);
    return loss;
  };

  return {
    async act(observation, { episodeStart, mode }) {
      if (mode === "eval")
        return random.uniform() < settings.epsilonEval ? random.int(task.actions) : greedy(observation);
      if (episodeStart) replay.addFrame(observation, true);
      action = random.uniform() < epsilon() ? random.int(task.actions) : await greedy(observation);
      return action;
    },
    async observe({ reward, terminated, lifeLoss, observation }) {
      const clipped = Math.min(settings.rewardClip, Math.max(-settings.rewardClip, reward));
      replay.recordOutcome(action, clipped, terminated || (lifeLoss && settings.lifeLossIsTerminal));
      replay.addFrame(observation, false);
      steps++;
      if (steps < settings.minReplay || steps % settings.updatePeriod !== 0) return;
      const loss = update();
      lossSum += (await loss.data())[0];
      lossCount++;
      loss.dispose();
      if (steps % settings.logEvery === 0) {
        console.log(
          `step ${steps}: ε ${epsilon().toFixed(3)}, mean loss ${(lossSum / lossCount).toExponential(3)} over ${lossCount} updates`,
        );
        lossSum = 0;
        lossCount = 0;
      }
    },
    evaluationMode() {
      replay = null; // the evaluation games need only the network; the frames' memory goes back
    },
  };
}

function readSettings(options) {
  const settings = { ...DEFAULTS };
  for (const [name, value] of Object.entries(options ?? {})) {
    if (!(name in DEFAULTS))
      throw new Error(`unknown option "${name}"; the options are ${Object.keys(DEFAULTS).join(", ")}`);
    if (typeof DEFAULTS[name] === "boolean") {
      if (typeof value !== "boolean")
        throw new Error(`option "${name}" must be true or false, got ${JSON.stringify(value)}`);
    } else if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new Error(`option "${name}" must be a finite number ≥ 0, got ${JSON.stringify(value)}`);
    }
    settings[name] = value;
  }
  for (const name of ["nStep", "batchSize", "updatePeriod", "replayCapacity", "logEvery"]) {
    if (!Number.isInteger(settings[name]) || settings[name] < 1)
      throw new Error(`option "${name}" must be a whole number ≥ 1, got ${settings[name]}`);
  }
  return settings;
}
