import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { PlatformError } from "../../lib/core/errors";
import { openGymEnv } from "./python-env";

const instruction = /The RL environments need the project virtualenv: run scripts\/setup-python\.sh/;

test("without the virtualenv the bridge says how to install it", async () => {
  await assert.rejects(
    openGymEnv({ id: "ALE/Pong-v5", python: "/nonexistent/.venv/bin/python" }),
    (error: unknown) =>
      error instanceof PlatformError && instruction.test(error.message) && /does not exist/.test(error.message),
  );
});

// The system interpreter has none of the packages: the shim's import failure reads as the same instruction.
test(
  "a Python without gymnasium reads as the same instruction",
  { skip: !existsSync("/usr/bin/python3") && "no /usr/bin/python3" },
  async () => {
    await assert.rejects(
      openGymEnv({ id: "ALE/Pong-v5", python: "/usr/bin/python3" }),
      (error: unknown) =>
        error instanceof PlatformError &&
        instruction.test(error.message) &&
        /No module named 'gymnasium'/.test(error.message),
    );
  },
);

test("an unknown environment id is a platform error naming it", async () => {
  await assert.rejects(
    openGymEnv({ id: "ALE/NoSuchGame-v5" }),
    (error: unknown) => error instanceof PlatformError && /ALE\/NoSuchGame-v5/.test(error.message),
  );
});
