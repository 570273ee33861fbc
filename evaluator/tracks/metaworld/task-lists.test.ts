import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { VENV_PYTHON } from "../../envs/venv";
import {
  METAWORLD_TASKS,
  ML10_TEST_TASKS,
  ML10_TRAIN_TASKS,
  ML45_TEST_TASKS,
  ML45_TRAIN_TASKS,
  MT10_TASKS,
} from "./definition/tasks";

/** The installed metaworld's own lists, through the same module the shim uses. */
function reference(): Record<string, string[]> {
  const dir = path.resolve(import.meta.dirname, "../../envs/python");
  const script = `
import json, metaworld_env as m
from metaworld import env_dict
print(json.dumps({"all": list(env_dict.ALL_V3_ENVIRONMENTS), "mt10": m.benchmark_tasks("MT10", "train"),
  "ml10train": m.benchmark_tasks("ML10", "train"), "ml10test": m.benchmark_tasks("ML10", "test"),
  "ml45train": m.benchmark_tasks("ML45", "train"), "ml45test": m.benchmark_tasks("ML45", "test")}))`;
  const out = execFileSync(VENV_PYTHON, ["-B", "-c", script], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as Record<string, string[]>;
}

test("the task lists match metaworld 3.1 and PROTOCOLS.md", () => {
  const ref = reference();
  assert.deepEqual([...METAWORLD_TASKS], ref.all);
  assert.deepEqual([...MT10_TASKS], ref.mt10);
  assert.deepEqual([...ML10_TRAIN_TASKS], ref.ml10train);
  assert.deepEqual([...ML10_TEST_TASKS], ref.ml10test);
  assert.deepEqual([...ML45_TEST_TASKS], ref.ml45test);
  assert.deepEqual([...ML45_TRAIN_TASKS].sort(), [...ref.ml45train!].sort());
  assert.equal(ML45_TRAIN_TASKS.length, 45);
  // PROTOCOLS.md section 2, written out.
  assert.deepEqual(ML10_TEST_TASKS, [
    "drawer-open-v3",
    "door-close-v3",
    "shelf-place-v3",
    "sweep-into-v3",
    "lever-pull-v3",
  ]);
  assert.deepEqual(ML45_TEST_TASKS, [
    "bin-picking-v3",
    "box-close-v3",
    "hand-insert-v3",
    "door-lock-v3",
    "door-unlock-v3",
  ]);
});
