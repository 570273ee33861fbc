import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { test } from "node:test";
import { sandboxPidsCgroupAvailable } from "./cgroup";
import { assertFailure, assertSandboxStillWorks, learnerBundle, runOneEpisode } from "@/testing/sandbox/harness";

/** Host pids whose command line is exactly `sleep <marker>`. */
async function sleepersWith(marker: string): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline === `/usr/bin/sleep\0${marker}\0`) found.push(Number(pid));
  }
  return found;
}

test("a fork bomb hits the process limit, and none of its processes outlive the sandbox", async () => {
  const marker = String(4000 + Math.floor(Math.random() * 999));
  const bundle = await learnerBundle(
    `
import { spawn } from "node:child_process";
export default ({ options }) => ({
  adapt() {
    return new Promise((resolve, reject) => {
      let started = 0;
      const next = () => {
        const child = spawn("/usr/bin/sleep", [options.marker], { stdio: "ignore", detached: true });
        child.on("spawn", () => { started++; next(); });
        child.on("error", (e) => reject(new Error("fork bomb stopped after " + started + " processes: " + e.code)));
      };
      next();
    });
  },
  predict() {},
});`,
    { marker },
  );
  try {
    const run = await runOneEpisode(bundle);
    const error = assertFailure(run, "exception", /fork bomb stopped after \d+ processes: EAGAIN/);
    const started = Number(/after (\d+)/.exec(error.message)![1]);
    assert.ok(started > 10 && started <= 512, `started ${started}`);
    // Where a pids cgroup counts them, the failure names the limit the code ran into.
    if (sandboxPidsCgroupAvailable())
      assert.match(error.message, /\(after reaching the sandbox's limit of 512 processes and threads\)$/);
    assert.deepEqual(await sleepersWith(marker), []);
  } finally {
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});
