import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { after, before, test } from "node:test";
import { sandboxCgroupParent } from "./cgroup";
import { launchSandbox } from "./launch";
import { fewshotTask, learnerBundle, syntheticEpisode, TEST_LIMITS, type TestBundle } from "@/testing/sandbox/harness";

/** This process's sandbox cgroups still present on the host. */
async function leftoverCgroups(): Promise<string[]> {
  const mine = (entries: string[]) => entries.filter((name) => name.startsWith(`sandbox-${process.pid}-`));
  const memory = await readdir(sandboxCgroupParent("memory")).catch(() => []);
  const pids = await readdir(sandboxCgroupParent("pids")).catch(() => []);
  return [...mine(memory), ...mine(pids)];
}

const task = fewshotTask();
let slow: TestBundle;
before(async () => {
  slow = await learnerBundle(`export default ({ tf, task }) => ({
    async adapt() { await new Promise((resolve) => setTimeout(resolve, 60_000)); },
    predict: ({ images }) => tf.fill([images.shape[0], task.ways], 1 / task.ways),
  });`);
});
after(() => slow.remove());

test("a session closed while idle shuts down cleanly and leaves no cgroup behind", async () => {
  const session = await launchSandbox({ bundleDir: slow.dir, limits: TEST_LIMITS, backend: "cpu" });
  await session.request({ type: "init", manifest: slow.manifest, task });
  assert.deepEqual(await session.close(), { code: 0, signal: null, failure: undefined });
  assert.deepEqual(await leftoverCgroups(), []);
});

test("aborting the signal stops a running request with the abort reason and kills the sandbox", async () => {
  const controller = new AbortController();
  const session = await launchSandbox({
    bundleDir: slow.dir,
    limits: TEST_LIMITS,
    backend: "cpu",
    signal: controller.signal,
  });
  await session.request({ type: "init", manifest: slow.manifest, task });
  const pending = session.request({ type: "episode", index: 0, ways: task.ways }, syntheticEpisode(task).tensors);
  const reason = new Error("worker stopping");
  controller.abort(reason);
  await assert.rejects(pending, (error) => error === reason);
  const exit = await session.exited;
  assert.equal(exit.failure, reason);
  assert.equal(exit.signal, "SIGKILL");
  await assert.rejects(session.request({ type: "episode", index: 1, ways: task.ways }), (error) => error === reason);
  assert.deepEqual(await leftoverCgroups(), []);
});

test("one request at a time; closing during a request fails it as a platform fault, not the code's", async () => {
  const session = await launchSandbox({ bundleDir: slow.dir, limits: TEST_LIMITS, backend: "cpu" });
  await session.request({ type: "init", manifest: slow.manifest, task });
  const first = session.request({ type: "episode", index: 0, ways: task.ways }, syntheticEpisode(task).tensors);
  await assert.rejects(session.request({ type: "episode", index: 1, ways: task.ways }), /another request is in flight/);
  const firstFails = assert.rejects(first, {
    name: "PlatformError",
    message: "The sandbox was closed while a request was in flight",
  });
  const exit = await session.close();
  assert.equal(exit.failure?.name, "PlatformError");
  await firstFails;
});
