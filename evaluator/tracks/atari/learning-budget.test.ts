import assert from "node:assert/strict";
import { test } from "node:test";
import { UserCodeError } from "../../../lib/core/errors";
import { createCatch } from "../../envs/native/catch";
import { budgeted } from "./play";

test("the learning environment refuses the step past the budget", async () => {
  const env = createCatch();
  await env.reset({ seed: 1 });
  const budget = budgeted(env, 5);
  for (let i = 0; i < 5; i++) await budget.step(0);
  assert.equal(budget.used, 5);
  assert.throws(
    () => budget.step(0),
    (error: unknown) =>
      error instanceof UserCodeError &&
      error.reason === "budget" &&
      /budget is 5 agent steps; step 6 was refused/.test(error.message),
  );
  assert.equal(budget.used, 5);
});
