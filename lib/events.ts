import { sql as raw } from "drizzle-orm";
import type postgres from "postgres";
import type { Db } from "@/db/client";
import type { Tx } from "./queue";
import { EVENTS_CHANNEL, liveEventSchema, type LiveEvent } from "./jobs";

/** Anything that runs a drizzle query: the database or an open transaction. */
type Executor = { execute: (query: ReturnType<typeof raw>) => PromiseLike<unknown> };

/**
 * Publishes a live event with Postgres NOTIFY. Inside a transaction it is delivered on commit only,
 * so listeners never hear about rows they cannot see yet.
 */
export async function publishEvent(db: Executor, event: LiveEvent): Promise<void> {
  const payload = JSON.stringify(liveEventSchema.parse(event));
  await db.execute(raw`select pg_notify(${EVENTS_CHANNEL}, ${payload})`);
}

/**
 * Runs `write` in one transaction and publishes the event it calls for (if any) inside that same transaction: the
 * event is delivered when the write commits, and never for a write that rolled back.
 */
export async function writeAndPublish<T>(
  db: Pick<Db, "transaction">,
  write: (tx: Tx) => Promise<T>,
  eventOf: (written: T) => LiveEvent | undefined,
): Promise<T> {
  return db.transaction(async (tx) => {
    const written = await write(tx);
    const event = eventOf(written);
    if (event) await publishEvent(tx, event);
    return written;
  });
}

/**
 * Listens for live events on a dedicated connection of `sql` (postgres.js LISTEN). Malformed payloads are ignored:
 * the channel is ours, but a listener must not die of someone's manual NOTIFY.
 * Returns a function that stops listening.
 */
export async function subscribe(sql: postgres.Sql, handler: (event: LiveEvent) => void): Promise<() => Promise<void>> {
  const { unlisten } = await sql.listen(EVENTS_CHANNEL, (payload) => {
    let parsed: ReturnType<typeof liveEventSchema.safeParse>;
    try {
      parsed = liveEventSchema.safeParse(JSON.parse(payload));
    } catch {
      return;
    }
    if (parsed.success) handler(parsed.data);
  });
  return unlisten;
}
