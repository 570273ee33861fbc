import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "@/db/client";
import { removeWorker, stampWorker } from "@/db/queries/workers";
import { workers } from "@/db/schema";
import { createTestDatabase } from "@/testing/platform/database";
import { freePort } from "@/db/os";
import { platformHealth, WORKER_FRESH_SECONDS } from "./health";

let database: Database & { drop: () => Promise<void> };

before(async () => {
  database = await createTestDatabase();
});

after(async () => {
  await database?.drop();
});

test("no worker stamped: unhealthy, naming the workers", async () => {
  const health = await platformHealth(database.db);
  assert.deepEqual(health, {
    ok: false,
    database: "up",
    workers: { live: 0, concurrency: 0 },
    reason: `no evaluation worker has checked in within ${WORKER_FRESH_SECONDS} s`,
  });
});

test("fresh workers make it healthy and are counted; a stale or removed one is not", async () => {
  await stampWorker(database.db, { id: "a", host: "h1", pid: 1, concurrency: 2 });
  await stampWorker(database.db, { id: "b", host: "h2", pid: 2, concurrency: 3 });
  await stampWorker(database.db, { id: "stale", host: "h3", pid: 3, concurrency: 4 });
  await database.db
    .update(workers)
    .set({ seenAt: sql`now() - interval '1 minute'` })
    .where(sql`${workers.id} = 'stale'`);
  assert.deepEqual(await platformHealth(database.db), {
    ok: true,
    database: "up",
    workers: { live: 2, concurrency: 5 },
  });
  await removeWorker(database.db, "a");
  await removeWorker(database.db, "b");
  assert.equal((await platformHealth(database.db)).ok, false);
});

test("a database that does not answer: unhealthy, with the driver's code and no address", async () => {
  const port = await freePort();
  const unreachable = openDatabase(`postgres://heldout:secret@127.0.0.1:${port}/heldout`);
  try {
    const health = await platformHealth(unreachable.db);
    assert.deepEqual(health, {
      ok: false,
      database: "down",
      workers: null,
      reason: "the database is unreachable (ECONNREFUSED)",
    });
  } finally {
    await unreachable.close();
  }
});
