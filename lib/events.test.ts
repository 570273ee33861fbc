import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTestDatabase } from "@/testing/platform/database";
import { publishEvent, subscribe } from "./events";
import type { LiveEvent } from "./jobs";

// Live events ride on NOTIFY: published inside a transaction, they arrive on commit and never after a rollback.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.drop();
});

test("events published in a transaction are delivered on commit only", async () => {
  const received: LiveEvent[] = [];
  let notify!: () => void;
  const marker = new Promise<void>((resolve) => (notify = resolve));
  const stop = await subscribe(database.sql, (event) => {
    received.push(event);
    if (event.submissionId === "marker") notify();
  });
  await database.db
    .transaction(async (tx) => {
      await publishEvent(tx, { type: "submission", submissionId: "rolled-back", benchmarkId: "b" });
      throw new Error("roll back");
    })
    .catch(() => {});
  await database.db.transaction(async (tx) => {
    await publishEvent(tx, { type: "submission", submissionId: "committed", benchmarkId: "b", status: "queued" });
    await database.sql`select pg_notify('heldout_events', 'not json')`; // ignored, not fatal
  });
  await publishEvent(database.db, { type: "progress", submissionId: "marker", benchmarkId: "b" });
  await marker; // NOTIFYs of one session arrive in commit order: everything before the marker is in
  await stop();
  assert.deepEqual(
    received.map((e) => e.submissionId),
    ["committed", "marker"],
  );
  assert.equal(received[0]!.status, "queued");
});
