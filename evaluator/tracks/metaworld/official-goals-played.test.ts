import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { VENV_PYTHON } from "../../envs/venv";
import { openMetaWorldEnv } from "./env";

const SEEDS = [1, 5]; // 1 is pinned, 5 is drawn at start
const GOAL = 3;

/** push-v3's goal in MT10(seed).train_tasks: x, y of the target (rand_vec[3:5]), from the official object itself. */
function officialTargets(): Record<number, number[]> {
  const script = `
import json, pickle, metaworld
out = {}
for seed in ${JSON.stringify(SEEDS)}:
    tasks = [t for t in metaworld.MT10(seed=seed).train_tasks if t.env_name == "push-v3"]
    out[seed] = pickle.loads(tasks[${GOAL}].data)["rand_vec"][3:5].tolist()
print(json.dumps(out))`;
  return JSON.parse(
    execFileSync(VENV_PYTHON, ["-B", "-c", script], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .trim()
      .split("\n")
      .at(-1)!,
  ) as Record<number, number[]>;
}

async function playedTarget(seed: number, goals: "official-v1" | "per-task-v1"): Promise<number[]> {
  const env = await openMetaWorldEnv({ benchmark: "MT10", split: "train", task: "push-v3", seed, goals });
  try {
    const { observation } = await env.reset({ seed, options: { goal: GOAL } });
    return [observation[36]!, observation[37]!]; // MT10 shows the goal: the last 3 of the 39 values
  } finally {
    await env.close();
  }
}

test("official-v1 plays the official object's goal for a task that is not its split's first, pinned seed or not", async () => {
  const official = officialTargets();
  for (const seed of SEEDS) {
    const target = await playedTarget(seed, "official-v1");
    target.forEach((value, i) =>
      assert.ok(
        Math.abs(value - official[seed]![i]!) < 1e-6,
        `seed ${seed}: played ${target}, official ${official[seed]}`,
      ),
    );
    // The old per-task draw puts push-v3's goals elsewhere: what official-v1 fixes, and what keeps this test honest.
    const perTask = await playedTarget(seed, "per-task-v1");
    assert.ok(Math.abs(perTask[0]! - official[seed]![0]!) > 1e-6, `seed ${seed}: per-task-v1 gave the official goal`);
  }
});
