import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { publishEvent } from "@/lib/events";
import { createTestDatabase } from "./database";
import { waitForEvent } from "./wait";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => (database = await createTestDatabase()));
after(async () => database?.drop());

const announce = (submissionId: string) =>
  publishEvent(database.db, { type: "submission", submissionId, benchmarkId: "b", status: "scored" });

test("a condition that already holds is returned at once, without an event", async () => {
  assert.equal(await waitForEvent(database.sql, "something true", async () => "yes", 1000), "yes");
});

test("the condition is checked again on each event, until it holds", async () => {
  const condition: { holds?: string } = {};
  let checks = 0;
  const waiting = waitForEvent(
    database.sql,
    "the third event",
    async () => {
      checks += 1;
      return condition.holds;
    },
    10_000,
  );
  // It listens before its first check: once that check has run, the events below cannot be missed.
  while (checks === 0) await new Promise((resolve) => setImmediate(resolve));
  await announce("one");
  await announce("two");
  condition.holds = "done";
  await announce("three");
  assert.equal(await waiting, "done");
  assert.ok(checks >= 2 && checks <= 4, `checked ${checks} times`);
});

test("a timeout names what was awaited, and says so when the condition came true without an event", async () => {
  await assert.rejects(
    waitForEvent(database.sql, "the moon", async () => undefined, 300),
    /Timed out after 300 ms waiting for the moon \(0 events heard\)$/,
  );
  let state: string | undefined;
  setTimeout(() => (state = "silently"), 100);
  await assert.rejects(
    waitForEvent(database.sql, "a silent change", async () => state, 400),
    /waiting for a silent change \(0 events heard; it holds now, but no event announced it\)/,
  );
});
