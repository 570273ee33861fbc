import assert from "node:assert/strict";
import { test } from "node:test";
import { PlatformError } from "../../lib/core/errors";
import { openGymEnv } from "./python-env";

test("an environment that does not reply in time is killed and reported, naming the request", async () => {
  // Making a Meta-World task (Python start-up, MuJoCo model, 50 goal draws) takes far longer than 50 ms.
  const started = performance.now();
  await assert.rejects(
    openGymEnv({
      id: "Heldout/MetaWorld-v1",
      kwargs: { benchmark: "ML10", split: "test", env_name: "door-close-v3", seed: 1 },
      replySeconds: 0.05,
    }),
    (error: unknown) => error instanceof PlatformError && /no reply to "make" within 0\.05 s/.test(error.message),
  );
  assert.ok(performance.now() - started < 10_000, "the deadline, not the work, ended the request");
});
