import { test } from "node:test";
import { assertFailure, assertSandboxStillWorks, learnerBundle, runOneEpisode } from "@/testing/sandbox/harness";

test("code that exits in the middle of an episode is reported as a crash with its exit code", async () => {
  const bundle = await learnerBundle(`export default () => ({ adapt() { process.exit(3); }, predict() {} });`);
  try {
    assertFailure(
      await runOneEpisode(bundle),
      "crash",
      /^The sandbox stopped unexpectedly \(exit code 3\) while handling "episode"$/,
    );
  } finally {
    await bundle.remove();
  }
});

test("code that kills its own process with a signal is reported as a crash naming the signal", async () => {
  const bundle = await learnerBundle(
    `export default () => ({ adapt() { process.kill(process.pid, "SIGSEGV"); }, predict() {} });`,
  );
  try {
    assertFailure(await runOneEpisode(bundle), "crash", /killed by SIGSEGV\) while handling "episode"/);
  } finally {
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});
