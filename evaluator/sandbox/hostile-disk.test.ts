import assert from "node:assert/strict";
import { test } from "node:test";
import { assertFailure, assertSandboxStillWorks, learnerBundle, runOneEpisode } from "@/testing/sandbox/harness";

test("filling the scratch space stops at its size cap with an error the code sees", async () => {
  const bundle = await learnerBundle(`
import fs from "node:fs";
export default () => ({
  adapt() {
    const chunk = Buffer.alloc(1024 * 1024, 7);
    let written = 0;
    try {
      for (let i = 0; ; i++) { fs.writeFileSync("/tmp/fill-" + (i % 4), chunk, { flag: i < 4 ? "w" : "a" }); written++; }
    } catch (e) {
      throw new Error("disk stopped after " + written + " MiB: " + e.code);
    }
  },
  predict() {},
});`);
  try {
    const error = assertFailure(await runOneEpisode(bundle), "exception", /disk stopped after \d+ MiB: (ENOSPC|EFBIG)/);
    assert.ok(Number(/after (\d+)/.exec(error.message)![1]) <= 64);
  } finally {
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});
