import { test } from "node:test";
import { assertFailure, assertSandboxStillWorks, learnerBundle, runOneEpisode } from "@/testing/sandbox/harness";

test("code in the sandbox cannot create a user namespace to win back capabilities", async () => {
  const bundle = await learnerBundle(`
import { spawnSync } from "node:child_process";
export default () => ({
  adapt() {
    const run = spawnSync("/usr/bin/unshare", ["--user", "--map-root-user", "/usr/bin/id", "-u"], { encoding: "utf8" });
    throw new Error("unshare exit " + run.status + " stdout " + JSON.stringify(run.stdout.trim()) + " stderr " + run.stderr.trim());
  },
  predict() {},
});`);
  try {
    assertFailure(await runOneEpisode(bundle), "exception", /unshare exit 1 stdout "" stderr unshare: unshare failed/);
  } finally {
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});
