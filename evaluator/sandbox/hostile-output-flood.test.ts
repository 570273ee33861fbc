import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertFailure,
  assertSandboxStillWorks,
  learnerBundle,
  runOneEpisode,
  TEST_LIMITS,
} from "@/testing/sandbox/harness";

test("flooding stdout and stderr neither blocks the host nor grows the kept log past its cap", async () => {
  // Synchronous writes, retried while the pipe is full, so the byte count measures how fast the host drains.
  const bundle = await learnerBundle(`
import fs from "node:fs";
export default () => ({
  adapt() {
    const line = "flood ".repeat(10_000) + "\\n";
    const put = (fd) => { try { fs.writeSync(fd, line); } catch (e) { if (e.code !== "EAGAIN") throw e; } };
    for (;;) { put(1); put(2); }
  },
  predict() {},
});`);
  try {
    const logBytes = 64 * 1024;
    const run = await runOneEpisode(bundle, { limits: { ...TEST_LIMITS, callSeconds: 3 }, logBytes });
    assertFailure(run, "timeout", /per-call limit/);
    const log = run.session.log();
    assert.ok(log.length < logBytes + 200, `kept ${log.length} characters`);
    assert.match(log, /^[^]*flood flood[^]*\[… \d+ bytes of output omitted …\][^]*flood flood/);
    const omitted = Number(/\[… (\d+) bytes of output omitted …\]/.exec(log)?.[1]);
    assert.ok(
      omitted > 1024 * 1024,
      `only ${omitted} bytes were written in 3 s: the host drained the flood too slowly`,
    );
  } finally {
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});
