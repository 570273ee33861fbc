import assert from "node:assert/strict";
import { test } from "node:test";
import { backoffDelay, retryUntilConnected } from "./retry";

test("the backoff doubles from its first wait and stops at its cap", () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((n) => backoffDelay(500, 3000, n)),
    [500, 1000, 2000, 3000, 3000],
  );
});

test("a connection that fails twice is tried again with growing waits, each failure logged", async () => {
  const waits: number[] = [];
  const log: string[] = [];
  let tries = 0;
  const connected = await retryUntilConnected(
    "the database",
    async () => {
      tries += 1;
      if (tries < 3) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      return "pool";
    },
    { log: (line) => log.push(line), sleep: async (ms) => void waits.push(ms) },
  );
  assert.equal(connected, "pool");
  assert.deepEqual(waits, [500, 1000]);
  assert.deepEqual(log, [
    "cannot reach the database (connect ECONNREFUSED 127.0.0.1:5432); retrying in 0.5 s",
    "cannot reach the database (connect ECONNREFUSED 127.0.0.1:5432); retrying in 1.0 s",
  ]);
});
