import assert from "node:assert/strict";
import { after, test } from "node:test";
import { checkedEnv } from "../../envs/checked-env";
import { createCatch } from "../../envs/native/catch";
import type { RlTask } from "../../protocol/messages";
import { play, type PlayReport } from "./play";
import { agentBundle, launchRlSandbox, recordingSession } from "@/testing/tracks/atari";

/**
 * An agent that checks the contract from the inside: observations are [84,84,4] stacks with the newest frame last,
 * observe() is never called in evaluation mode, and it logs how many transitions and how much reward it saw.
 */
const source = `
export default ({ task }) => {
  let observed = 0, rewardSum = 0, lifeLosses = 0, mode = "learn", previous;
  return {
    act(observation, context) {
      if (!(observation instanceof Uint8Array) || observation.length !== 84 * 84 * 4) throw new Error("bad observation");
      if (context.mode !== mode) throw new Error("mode " + context.mode + " but expected " + mode);
      if (!context.episodeStart && previous && observation !== previous) {
        // The stack shifts by one frame per step: slot d now holds what slot d+1 held.
        for (let p = 0; p < 84 * 84; p += 97) if (observation[p * 4] !== previous[p * 4 + 1]) throw new Error("stack did not shift");
      }
      previous = observation;
      return observed % 3;
    },
    observe(t) {
      if (mode !== "learn") throw new Error("observe() during evaluation");
      observed++;
      rewardSum += t.reward;
      if (t.lifeLoss) lifeLosses++;
      for (let p = 0; p < 84 * 84; p += 97) if (t.observation[p * 4] !== previous[p * 4 + 1]) throw new Error("stack did not shift");
      previous = t.observation;
    },
    evaluationMode() {
      mode = "eval";
      console.log("learned " + JSON.stringify({ observed, rewardSum, lifeLosses }));
    },
  };
};`;

const bundle = await agentBundle(source);
after(() => bundle.remove());

test("the agent learns for exactly the budget, then plays evaluation episodes without rewards", async () => {
  const session = await launchRlSandbox(bundle);
  const recorded = recordingSession(session);
  const env = checkedEnv(createCatch({ lives: 2 }), "Catch");
  const learningSteps = 250;
  const task: RlTask = {
    track: "atari",
    game: "Catch",
    actions: 3,
    actionMeanings: [],
    observationShape: [84, 84, 4],
    learningSteps,
    seed: 7,
  };
  const reports: PlayReport[] = [];
  try {
    assert.equal((await recorded.request({ type: "init", manifest: bundle.manifest, task })).header.type, "ready");
    const result = await play({
      env,
      session: recorded,
      learningSteps,
      evalEpisodes: 3,
      maxEpisodeSteps: 27_000,
      seed: 7,
      evalEpsilon: 0,
      timeoutMs: 10_000,
      signal: new AbortController().signal,
      onReport: (report) => reports.push(report),
      reportEvery: 50,
    });

    const observes = recorded.sent.filter((m) => m.type === "observe");
    assert.equal(observes.length, learningSteps, "one observe per learning step, none more");
    assert.equal(observes.at(-1)?.act, false, "no action is asked for after the last budgeted step");
    const evaluateAt = recorded.sent.findIndex((m) => m.type === "evaluate");
    assert.ok(evaluateAt > 0);
    const afterLearning = recorded.sent.slice(evaluateAt + 1);
    assert.ok(
      afterLearning.length > 0 && afterLearning.every((m) => m.type === "act" && !("reward" in m)),
      "evaluation sends observations only",
    );

    const rewardSeen = observes.reduce((sum, m) => sum + (m.reward as number), 0);
    assert.ok(result.learning.length > 0);
    assert.ok(result.learning.every((e) => e.endStep <= learningSteps));
    assert.equal(result.evaluation.length, 3);
    // Catch with 2 lives ends after 2 misses: a return is catches − 2.
    assert.ok(result.evaluation.every((e) => e.return >= -2 && Number.isInteger(e.return) && e.steps > 0));
    assert.deepEqual(
      reports.filter((r) => r.phase === "learning").map((r) => (r.phase === "learning" ? r.steps : 0)),
      [50, 100, 150, 200, 250],
    );
    assert.equal(reports.filter((r) => r.phase === "evaluation").length, 3);

    const exit = await session.close();
    assert.equal(exit.failure, undefined, session.log());
    const learned = JSON.parse(/learned (\{.*\})/.exec(session.log())![1]!) as {
      observed: number;
      rewardSum: number;
      lifeLosses: number;
    };
    assert.equal(learned.observed, learningSteps);
    assert.equal(learned.rewardSum, rewardSeen);
    assert.ok(learned.lifeLosses > 0, "losing a life (not the last) is flagged while learning");
  } finally {
    await session.close();
  }
});
