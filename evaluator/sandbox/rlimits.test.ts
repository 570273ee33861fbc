import assert from "node:assert/strict";
import os from "node:os";
import { test } from "node:test";
import { readFileSync } from "node:fs";
import { sandboxPidsCgroupAvailable } from "./cgroup";
import { assertFailure, learnerBundle, runOneEpisode, TEST_LIMITS } from "@/testing/sandbox/harness";

const limitIn = (text: string, name: string) => new RegExp(`^${name}\\s+(\\S+)\\s+(\\S+)`, "m").exec(text)?.slice(1, 3);

test("the code runs under the CPU, process, file-size, open-file and core-dump rlimits", async () => {
  // A per-sandbox pids cgroup bounds processes where the host has one (fork-bomb-spares-neighbours.test.ts); only
  // without it does the per-uid rlimit stand in.
  const processes = sandboxPidsCgroupAvailable()
    ? limitIn(readFileSync("/proc/self/limits", "utf8"), "Max processes")
    : ["512", "512"];
  const bundle = await learnerBundle(`
import fs from "node:fs";
export default () => ({ adapt() { throw new Error("limits\\n" + fs.readFileSync("/proc/self/limits", "utf8")); }, predict() {} });`);
  try {
    const error = assertFailure(await runOneEpisode(bundle), "exception", /limits/);
    const limit = (name: string) => limitIn(error.message, name);
    const cpu = TEST_LIMITS.wallSeconds * os.availableParallelism();
    assert.deepEqual(limit("Max cpu time"), [String(cpu), String(cpu + 5)]);
    assert.deepEqual(limit("Max processes"), processes);
    assert.deepEqual(limit("Max file size"), [String(64 * 1024 * 1024), String(64 * 1024 * 1024)]);
    assert.deepEqual(limit("Max open files"), ["1024", "1024"]);
    assert.deepEqual(limit("Max core file size"), ["0", "0"]);
  } finally {
    await bundle.remove();
  }
});

test("a runtime stopped by SIGXCPU is reported as over its CPU-time limit", async () => {
  const bundle = await learnerBundle(
    `export default () => ({ adapt() { process.kill(process.pid, "SIGXCPU"); return new Promise(() => {}); }, predict() {} });`,
  );
  try {
    const cpu = TEST_LIMITS.wallSeconds * os.availableParallelism();
    assertFailure(
      await runOneEpisode(bundle),
      "timeout",
      new RegExp(`^Evaluation exceeded its CPU-time limit of ${cpu} s$`),
    );
  } finally {
    await bundle.remove();
  }
});
