import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { test } from "node:test";
import { testBackend } from "@/testing/backends/test-backend";
import { launchSandbox } from "./launch";
import {
  assertSandboxStillWorks,
  fewshotTask,
  learnerBundle,
  syntheticEpisode,
  TEST_LIMITS,
} from "@/testing/sandbox/harness";

/** Host processes whose command line is exactly `sleep <marker>`. */
async function sleepers(marker: string): Promise<number> {
  let found = 0;
  for (const pid of await readdir("/proc")) {
    if (
      /^\d+$/.test(pid) &&
      (await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "")) === `/usr/bin/sleep\0${marker}\0`
    )
      found++;
  }
  return found;
}

// Spawns until the process limit refuses, keeps every child, and answers the episode normally.
const FORK_BOMB_THEN_HOLD = `
import { spawn } from "node:child_process";
export default ({ tf, task, options }) => ({
  adapt() {
    return new Promise((resolve) => {
      const next = () => {
        const child = spawn("/usr/bin/sleep", [options.marker], { stdio: "ignore", detached: true });
        child.on("spawn", next);
        child.on("error", () => resolve());
      };
      next();
    });
  },
  predict: ({ images }) => tf.fill([images.shape[0], task.ways], 1 / task.ways),
});`;

// Every sandbox runs as the same unprivileged uid: a limit counted per uid would let one sandbox at its process limit
// starve every other sandbox on the host (node, or a native backend, aborts when it cannot start its threads).
test("a sandbox holding its process limit does not stop a neighbour from starting and answering", async () => {
  const marker = String(5000 + Math.floor(Math.random() * 999));
  const bundle = await learnerBundle(FORK_BOMB_THEN_HOLD, { marker });
  const bomb = await launchSandbox({ bundleDir: bundle.dir, limits: TEST_LIMITS, ...testBackend() });
  try {
    const task = fewshotTask();
    await bomb.request({ type: "init", manifest: bundle.manifest, task });
    await bomb.request({ type: "episode", index: 0, ways: task.ways }, syntheticEpisode(task).tensors);
    const held = await sleepers(marker);
    assert.ok(held > 100, `the bomb holds ${held} processes`);
    await assertSandboxStillWorks();
    assert.equal(await sleepers(marker), held, "the bomb still held its processes while the neighbour ran");
  } finally {
    await bomb.close();
    await bundle.remove();
  }
  assert.equal(await sleepers(marker), 0);
});
