import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { removeWorker, stampWorker } from "@/db/queries/workers";
import { WORKER_STAMP_SECONDS } from "@/lib/health";

/**
 * Keeps this worker's row in `workers` fresh every WORKER_STAMP_SECONDS, idle or busy, so /api/health can tell a
 * live worker from a dead one. A database outage is logged once when it starts and once when it ends.
 */
export function stampPresence(input: { db: Db; host: string; concurrency: number; log: (line: string) => void }): {
  stop: () => Promise<void>;
} {
  const worker = {
    id: `${input.host}:${process.pid}:${crypto.randomUUID()}`,
    host: input.host,
    pid: process.pid,
    concurrency: input.concurrency,
  };
  let failing = false;
  let inFlight: Promise<void> = Promise.resolve();
  const stamp = () => {
    inFlight = stampWorker(input.db, worker).then(
      () => {
        if (failing) input.log("database reachable again");
        failing = false;
      },
      (error: unknown) => {
        // drizzle wraps the driver's error in one that repeats the whole query; the cause says what went wrong.
        const cause = (error as { cause?: unknown }).cause ?? error;
        if (!failing)
          input.log(`cannot reach the database (${cause instanceof Error ? cause.message : String(cause)}); retrying`);
        failing = true;
      },
    );
  };
  stamp();
  const timer = setInterval(stamp, WORKER_STAMP_SECONDS * 1000);
  return {
    stop: async () => {
      clearInterval(timer);
      await inFlight;
      await removeWorker(input.db, worker.id).catch(() => {});
    },
  };
}
