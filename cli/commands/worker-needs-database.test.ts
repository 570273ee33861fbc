import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";

// `heldout worker` has no embedded fallback: without DATABASE_URL it says what it needs and exits with usage status.
const root = path.resolve(import.meta.dirname, "..", "..");

function runWorker(args: string[], env: Record<string, string | undefined>) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      `const { run } = await import("./cli/commands/worker.ts"); process.exit(await run(${JSON.stringify(args)}));`,
    ],
    { cwd: root, env: { ...rest, ...env }, encoding: "utf8", timeout: 60_000 },
  );
}

test("without DATABASE_URL the worker refuses to start, saying what to set", () => {
  const result = runWorker([], {});
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /heldout worker needs DATABASE_URL/);
  assert.match(result.stderr, /DATABASE_URL=postgres:\/\/.* heldout worker/);
});

test("a bad --concurrency is refused before anything starts", () => {
  const result = runWorker(["--concurrency", "0"], { DATABASE_URL: "postgres://x:y@127.0.0.1:1/none" });
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /--concurrency must be a whole number from 1 to 64, got '0'/);
});
