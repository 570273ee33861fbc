import assert from "node:assert/strict";
import { chmod } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { PlatformError } from "../../lib/core/errors";
import { launchSandbox } from "./launch";
import { learnerBundle, TEST_LIMITS } from "@/testing/sandbox/harness";

const learner = "export default ({ tf }) => ({ adapt() {}, predict() {} });";

test("a forced backend that cannot load is a platform fault, with the runtime's reason", async () => {
  const bundle = await learnerBundle(learner);
  try {
    await assert.rejects(
      launchSandbox({ bundleDir: bundle.dir, limits: TEST_LIMITS, backend: "tensorflow" }),
      (error: Error) => {
        assert.ok(error instanceof PlatformError, String(error));
        assert.match(
          error.message,
          /^The sandbox failed to start: the runtime reported: The tensorflow backend was requested but cannot be used/,
        );
        return true;
      },
    );
  } finally {
    await bundle.remove();
  }
});

test("a bundle directory that does not exist is a platform fault", async () => {
  await assert.rejects(launchSandbox({ bundleDir: "/nonexistent/bundle", limits: TEST_LIMITS, backend: "cpu" }), {
    name: "PlatformError",
    message: "The bundle directory /nonexistent/bundle does not exist",
  });
});

test(
  "a bundle directory the sandbox uid cannot read is a platform fault that says so",
  { skip: process.getuid?.() !== 0 && "needs root" },
  async () => {
    const bundle = await learnerBundle(learner);
    try {
      await chmod(path.dirname(bundle.dir), 0o700);
      await assert.rejects(
        launchSandbox({ bundleDir: bundle.dir, limits: TEST_LIMITS, backend: "cpu" }),
        (error: Error) => {
          assert.ok(error instanceof PlatformError, String(error));
          assert.match(error.message, /^The sandbox failed to start: .*\nbwrap: .*Permission denied/s);
          assert.match(error.message, /readable by the sandbox uid/);
          return true;
        },
      );
    } finally {
      await bundle.remove();
    }
  },
);
