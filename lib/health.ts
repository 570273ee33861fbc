import type { Db } from "@/db/client";
import { liveWorkers } from "@/db/queries/workers";

/** How often a running worker stamps its row in `workers`. */
export const WORKER_STAMP_SECONDS = 3;
/** A worker whose last stamp is older than this is counted as down (a few missed stamps, not one slow one). */
export const WORKER_FRESH_SECONDS = 15;

export type Health =
  | { ok: true; database: "up"; workers: { live: number; concurrency: number } }
  | { ok: false; database: "up" | "down"; workers: { live: number; concurrency: number } | null; reason: string };

/**
 * Whether the platform can take and evaluate submissions: PostgreSQL answers within `timeoutMs`, and at least one
 * worker stamped itself within WORKER_FRESH_SECONDS.
 */
export async function platformHealth(db: Db, timeoutMs = 3000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const live = await Promise.race([liveWorkers(db, WORKER_FRESH_SECONDS), timedOut]);
    const workers = { live: live.workers, concurrency: live.concurrency };
    if (live.workers === 0) {
      return {
        ok: false,
        database: "up",
        workers,
        reason: `no evaluation worker has checked in within ${WORKER_FRESH_SECONDS} s`,
      };
    }
    return { ok: true, database: "up", workers };
  } catch (error) {
    return {
      ok: false,
      database: "down",
      workers: null,
      reason: `the database is unreachable (${describeError(error)})`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The error's code (ECONNREFUSED, 57P03, …), not its message: this answer is public and names no address. */
function describeError(error: unknown): string {
  // drizzle wraps the driver's error (which has the code) in one that repeats the query.
  const code = (error as { code?: unknown }).code ?? ((error as { cause?: { code?: unknown } }).cause ?? {}).code;
  return typeof code === "string"
    ? code
    : error instanceof Error && error.message.startsWith("no answer")
      ? error.message
      : "error";
}
