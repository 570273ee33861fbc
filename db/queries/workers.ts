import { eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { workers } from "../schema";

/** Stamps a running worker as seen now (its first stamp registers it), and forgets workers silent for a day. */
export async function stampWorker(
  db: Db,
  worker: { id: string; host: string; pid: number; concurrency: number },
): Promise<void> {
  await db
    .insert(workers)
    .values(worker)
    .onConflictDoUpdate({ target: workers.id, set: { seenAt: sql`now()` } });
  await db.delete(workers).where(lt(workers.seenAt, sql`now() - interval '1 day'`));
}

/** A worker that stops cleanly takes itself off the list. */
export async function removeWorker(db: Db, id: string): Promise<void> {
  await db.delete(workers).where(eq(workers.id, id));
}

/** Workers stamped within the last `freshSeconds`, and the evaluations they run at once in all. */
export async function liveWorkers(db: Db, freshSeconds: number): Promise<{ workers: number; concurrency: number }> {
  const [row] = await db
    .select({
      workers: sql<number>`count(*)::int`,
      concurrency: sql<number>`coalesce(sum(${workers.concurrency}), 0)::int`,
    })
    .from(workers)
    .where(gt(workers.seenAt, sql`now() - make_interval(secs => ${freshSeconds})`));
  return row ?? { workers: 0, concurrency: 0 };
}
