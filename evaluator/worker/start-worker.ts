import os from "node:os";
import type PgBoss from "pg-boss";
import type { Db, Sql } from "@/db/client";
import type { Config } from "@/lib/config";
import { subscribe } from "@/lib/events";
import { evaluateUnitJob } from "@/lib/jobs";
import type { Queue } from "@/lib/queue";
import { openBundleStore, type BundleStore } from "@/lib/storage";
import { launchSandbox as launchRealSandbox } from "@/evaluator/sandbox";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { createCancellationNotices } from "./cancellation-notices";
import { evaluateUnit } from "./evaluate-unit";
import { detectGpu } from "./gpu";
import { stampPresence } from "./presence";
import { reapOnce } from "./reaper";
import type { LaunchSandbox, WorkerDeps } from "./types";

export type StartWorkerOptions = {
  db: Db;
  queue: Queue;
  /** postgres.js client, for LISTEN. */
  sql: Sql;
  host?: string;
  /** Jobs run at once by this process. */
  concurrency?: number;
  /** Aborting it stops the worker like `stop()`. */
  signal?: AbortSignal;
  store?: BundleStore;
  launchSandbox?: LaunchSandbox;
  backend?: Config["backend"];
  heartbeatSeconds?: number;
  /** A running attempt without a heartbeat for this long is declared lost and its unit retried elsewhere. */
  staleAfterSeconds?: number;
  /** Fallback polling when no NOTIFY arrives (new jobs are normally picked up on their NOTIFY). */
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
};

export type RunningWorker = {
  /** Stops taking jobs, lets running ones finish for up to `timeoutMs`, then interrupts them (they are retried). */
  stop: (options?: { timeoutMs?: number }) => Promise<void>;
  /** Settles when the worker has stopped. */
  stopped: Promise<void>;
};

/**
 * Starts evaluating queued units: `concurrency` pg-boss consumers of evaluate-unit jobs, woken at once by the NOTIFY
 * sent when a submission is accepted or a unit is handed back, plus a reaper of attempts whose worker died.
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[worker] ${line}\n`));
  const heartbeatSeconds = options.heartbeatSeconds ?? 3;
  const staleAfterSeconds = options.staleAfterSeconds ?? 60;
  const native = findNativeTfjs();
  const deps: WorkerDeps = {
    db: options.db,
    queue: options.queue,
    store: options.store ?? openBundleStore(),
    launchSandbox: options.launchSandbox ?? launchRealSandbox,
    host: options.host ?? os.hostname(),
    backend: options.backend ?? "auto",
    native: native ? { path: native.path, gpu: native.kind === "tensorflow-gpu" ? detectGpu() : null } : undefined,
    heartbeatSeconds,
    log,
    notices: createCancellationNotices(),
  };
  const boss = options.queue.boss;
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const workerIds: string[] = [];
  const wake = () => workerIds.forEach((id) => boss.notifyWorker(id));

  const handle = async ([job]: PgBoss.JobWithMetadata<unknown>[]) => {
    if (!job) return;
    const running = evaluateUnit(deps, job, shutdown.signal);
    inFlight.add(running);
    try {
      await running;
    } catch (error) {
      log(`job ${job.id} failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}): ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    } finally {
      inFlight.delete(running);
      // pg-boss would otherwise sleep out the rest of its polling interval after a short job before fetching again.
      wake();
    }
  };
  for (let i = 0; i < Math.max(1, options.concurrency ?? 1); i++) {
    workerIds.push(
      await boss.work(
        evaluateUnitJob.name,
        { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
        handle,
      ),
    );
  }
  const unsubscribe = await subscribe(options.sql, (event) => {
    if (event.type === "submission" && (event.status === "queued" || event.status === "retrying")) wake();
    if (event.type === "submission" && event.status === "cancelled") deps.notices?.notice(event.submissionId);
  });

  const presence = stampPresence({ db: options.db, host: deps.host, concurrency: workerIds.length, log });

  let reaping = false;
  const reaper = setInterval(() => {
    if (reaping) return;
    reaping = true;
    reapOnce({ db: options.db, queue: options.queue, staleAfterSeconds, log })
      .then((n) => n > 0 && wake())
      .catch((error: unknown) => log(`reaper: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (reaping = false));
  }, heartbeatSeconds * 1000);

  let stopping: Promise<void> | undefined;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const stop = ({ timeoutMs = 30_000 } = {}) => {
    stopping ??= (async () => {
      clearInterval(reaper);
      await presence.stop();
      await unsubscribe().catch(() => {});
      for (const id of workerIds) await boss.offWork({ id });
      const drained = Promise.allSettled([...inFlight]);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
      if ((await Promise.race([drained, timedOut])) === "timeout") {
        log(`interrupting ${inFlight.size} running evaluation(s); they will be retried`);
        shutdown.abort();
        await Promise.allSettled([...inFlight]);
      }
      clearTimeout(timer);
      resolveStopped();
    })();
    return stopping;
  };
  options.signal?.addEventListener("abort", () => void stop(), { once: true });
  if (options.signal?.aborted) void stop();
  return { stop, stopped };
}
