import assert from "node:assert/strict";
import { test } from "node:test";
import { PlatformError } from "../../../lib/core/errors";
import { MISSING_VENV_MESSAGE } from "../../envs/venv";
import { runWithAgent, smallSpec } from "@/testing/tracks/metaworld";

const idle = () => ({ act: () => [0, 0, 0, 0], observe() {} });

async function failureWith(python: string): Promise<PlatformError> {
  const error = await runWithAgent(smallSpec(), "reach-v3", 1, idle, { python }).then(
    () => assert.fail("the run should have failed"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof PlatformError, `expected a PlatformError, got ${String(error)}`);
  return error;
}

test("without the project virtualenv the run fails saying how to install it", async () => {
  const error = await failureWith("/nonexistent/.venv/bin/python");
  assert.ok(error.message.startsWith(MISSING_VENV_MESSAGE), error.message);
});

test("an interpreter without metaworld or MuJoCo fails saying how to install them, not with a stack trace", async () => {
  const error = await failureWith("/usr/bin/python3");
  assert.ok(error.message.includes(MISSING_VENV_MESSAGE), error.message);
  assert.match(error.message, /No module named '(gymnasium|metaworld|mujoco|numpy)'/);
  assert.doesNotMatch(error.message, /Traceback|File "/);
});
