import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertFailure,
  assertSandboxStillWorks,
  learnerBundle,
  runOneEpisode,
  TEST_LIMITS,
} from "@/testing/sandbox/harness";

const spinner = `export default () => ({ adapt() { for (;;) {} }, predict() {} });`;

test("code that spins forever is stopped at the per-call limit", async () => {
  const bundle = await learnerBundle(spinner);
  try {
    const started = Date.now();
    const run = await runOneEpisode(bundle, { limits: { ...TEST_LIMITS, callSeconds: 2 } });
    assertFailure(run, "timeout", /^No reply to "episode" within the 2 s per-call limit$/);
    assert.ok(Date.now() - started < 15_000);
  } finally {
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});

test("code that spins forever is stopped at the wall-clock limit when that comes first", async () => {
  const bundle = await learnerBundle(spinner);
  try {
    const run = await runOneEpisode(bundle, { limits: { ...TEST_LIMITS, wallSeconds: 5, callSeconds: 600 } });
    assertFailure(run, "timeout", /^Evaluation exceeded its 5 s wall-clock limit$/);
  } finally {
    await bundle.remove();
  }
});
