import { test } from "node:test";
import { assertFailure, learnerBundle, runOneEpisode } from "@/testing/sandbox/harness";

// A SIGKILL nobody's limit sent is blamed on the host (retried, never charged), so the code inside must not be able
// to send one, nor lower its own CPU limit to have the kernel send it: the seccomp filter refuses both (EPERM).

test("code that sends itself SIGKILL is refused, and fails as its own error", async () => {
  const bundle = await learnerBundle(
    `export default () => ({ adapt() { process.kill(process.pid, "SIGKILL"); }, predict() {} });`,
  );
  try {
    assertFailure(await runOneEpisode(bundle), "exception", /^Your code threw an error: kill EPERM/);
  } finally {
    await bundle.remove();
  }
});

test("a shell that kill -9s the runtime or lowers its CPU-time limit is refused too", async () => {
  const bundle = await learnerBundle(`import { execFileSync } from "node:child_process";
export default () => ({
  adapt() {
    const tries = ["kill -9 $PPID", "ulimit -t 1"].map((line) => {
      try { execFileSync("/bin/sh", ["-c", line], { stdio: "pipe" }); return line + ": allowed"; }
      catch (error) { return line + ": " + String(error.stderr).trim(); }
    });
    throw new Error(tries.join("; "));
  },
  predict() {},
});`);
  try {
    assertFailure(
      await runOneEpisode(bundle),
      "exception",
      /kill -9 \$PPID: .*Operation not permitted.*; ulimit -t 1: .*Operation not permitted/,
    );
  } finally {
    await bundle.remove();
  }
});
