import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { findMissingSimulators } from "./simulators";
import { VENV_PYTHON } from "./venv";

// Which RL tracks a host can run, found by importing their simulators as the shim would.
const instruction = /^The RL environments need the project virtualenv: run scripts\/setup-python\.sh/;

test("the project virtualenv has both simulators", { skip: !existsSync(VENV_PYTHON) && "no .venv" }, async () => {
  assert.deepEqual(await findMissingSimulators(), []);
});

test("without the virtualenv both RL tracks are missing, each with the install instruction", async () => {
  const missing = await findMissingSimulators("/nonexistent/.venv/bin/python");
  assert.deepEqual(
    missing.map((m) => m.track),
    ["atari", "metaworld"],
  );
  for (const { problem } of missing) {
    assert.match(problem, instruction);
    assert.match(problem, /does not exist/);
  }
});

test(
  "a Python without the packages names the missing module",
  { skip: !existsSync("/usr/bin/python3") && "no /usr/bin/python3" },
  async () => {
    const missing = await findMissingSimulators("/usr/bin/python3");
    assert.deepEqual(
      missing.map((m) => m.track),
      ["atari", "metaworld"],
    );
    for (const { problem } of missing) {
      assert.match(problem, instruction);
      assert.match(problem, /No module named '(gymnasium|ale_py|metaworld)'/);
    }
  },
);
