import assert from "node:assert/strict";
import os from "node:os";
import { test } from "node:test";
import { assertFailure, learnerBundle, runOneEpisode, TEST_LIMITS } from "./testing";

test("the code runs under the CPU, process, file-size, open-file and core-dump rlimits", async () => {
  const bundle = await learnerBundle(`
import fs from "node:fs";
export default () => ({ adapt() { throw new Error("limits\\n" + fs.readFileSync("/proc/self/limits", "utf8")); }, predict() {} });`);
  try {
    const error = assertFailure(await runOneEpisode(bundle), "exception", /limits/);
    const limit = (name: string) => new RegExp(`^${name}\\s+(\\S+)\\s+(\\S+)`, "m").exec(error.message)?.slice(1, 3);
    const cpu = TEST_LIMITS.wallSeconds * os.availableParallelism();
    assert.deepEqual(limit("Max cpu time"), [String(cpu), String(cpu + 5)]);
    assert.deepEqual(limit("Max processes"), ["512", "512"]);
    assert.deepEqual(limit("Max file size"), [String(64 * 1024 * 1024), String(64 * 1024 * 1024)]);
    assert.deepEqual(limit("Max open files"), ["1024", "1024"]);
    assert.deepEqual(limit("Max core file size"), ["0", "0"]);
  } finally {
    await bundle.remove();
  }
});

test("a runtime stopped by SIGXCPU is reported as over its CPU-time limit", async () => {
  const bundle = await learnerBundle(`export default () => ({ adapt() { process.kill(process.pid, "SIGXCPU"); return new Promise(() => {}); }, predict() {} });`);
  try {
    const cpu = TEST_LIMITS.wallSeconds * os.availableParallelism();
    assertFailure(await runOneEpisode(bundle), "timeout", new RegExp(`^Evaluation exceeded its CPU-time limit of ${cpu} s$`));
  } finally {
    await bundle.remove();
  }
});
