import os from "node:os";
import type { Db, Sql } from "@/db/client";
import type { Config } from "@/lib/config";
import { subscribe } from "@/lib/events";
import { JOB_PRIORITY } from "@/lib/submissions/queue-evaluation";
import type { Queue, QueueBinding, UnitJob } from "@/lib/queue";
import { openBundleStore, type BundleStore } from "@/lib/storage";
import { displayText, storableText } from "@/lib/core/untrusted-text";
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
  /** The queues (tracks, devices, benchmarks) this worker takes jobs from; default: all of them. */
  binding?: QueueBinding;
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
 * Starts evaluating queued units: `concurrency` consumers of the evaluate-unit queues of `binding`, each claiming the
 * next job fairly between teams (lib/queue.ts), woken at once by the NOTIFY sent when a submission is accepted or a
 * unit is handed back, plus a reaper of attempts whose worker died.
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  // Lines quote submitted code's errors: on the operator's terminal they are shown, never acted on.
  const log = options.log ?? ((line: string) => process.stderr.write(`[worker] ${displayText(line)}\n`));
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
  const { queue } = options;
  const binding = options.binding ?? {};
  const pollingMs = (options.pollingIntervalSeconds ?? 2) * 1000;
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let taking = true;
  // Each idle consumer waits here until a NOTIFY, a finished job or the polling interval wakes it.
  const sleepers = new Set<() => void>();
  // Counts wake-ups, so one heard while a consumer was claiming (not yet asleep) is not lost.
  let wakeups = 0;
  const wake = () => {
    wakeups++;
    sleepers.forEach((resume) => resume());
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      const resume = () => {
        clearTimeout(timer);
        sleepers.delete(resume);
        resolve();
      };
      const timer = setTimeout(resume, pollingMs);
      sleepers.add(resume);
    });

  const handle = async (job: UnitJob) => {
    const running = evaluateUnit(deps, job, shutdown.signal);
    inFlight.add(running);
    try {
      await running;
      await queue.complete(job);
    } catch (error) {
      // A sandbox's bytes (a NUL) or a driver's query parameters in the message would make storing the job's output
      // (jsonb) fail: only clean text is kept.
      const message = describeWithCauses(error);
      log(`job ${job.id} failed (attempt ${job.retryCount + 1} of ${job.retryLimit + 1}): ${message}`);
      await queue.fail(job, message);
    } finally {
      inFlight.delete(running);
    }
  };
  const concurrency = Math.max(1, options.concurrency ?? 1);
  // Consumers claiming or running a job. The last free slot never takes a background job (the standard RL boards'
  // baselines, hours each), so a competitor's entry never waits behind one; a one-slot worker leaves them queued.
  let occupied = 0;
  // One consumer per unit of concurrency: claim the fairest job of the bound queues, run it, settle it, repeat.
  const consume = async () => {
    while (taking) {
      const seen = wakeups;
      const lastSlot = concurrency - occupied <= 1;
      occupied += 1;
      const job = await queue
        .claim(binding, lastSlot ? { minPriority: JOB_PRIORITY.backgroundBaseline + 1 } : {})
        .catch((error: unknown) => {
          log(`claiming a job: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        });
      if (!job) {
        occupied -= 1;
        if (wakeups === seen) await idle();
        continue;
      }
      await handle(job).catch((error: unknown) =>
        log(`settling job ${job.id}: ${error instanceof Error ? error.message : String(error)}`),
      );
      occupied -= 1;
      // Another consumer may be idle while jobs wait (this one's unit may have been the last in flight).
      wake();
    }
  };
  const consumers = Array.from({ length: concurrency }, () => consume());
  const unsubscribe = await subscribe(options.sql, (event) => {
    if (event.type === "submission" && (event.status === "queued" || event.status === "retrying")) wake();
    if (event.type === "submission" && event.status === "cancelled") deps.notices?.notice(event.submissionId);
  });

  const presence = stampPresence({ db: options.db, host: deps.host, concurrency: consumers.length, log });

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
      taking = false;
      wake();
      const drained = Promise.allSettled([...inFlight]);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
      if ((await Promise.race([drained, timedOut])) === "timeout") {
        log(`interrupting ${inFlight.size} running evaluation(s); they will be retried`);
        shutdown.abort();
        await Promise.allSettled([...inFlight]);
      }
      clearTimeout(timer);
      await Promise.allSettled(consumers);
      resolveStopped();
    })();
    return stopping;
  };
  options.signal?.addEventListener("abort", () => void stop(), { once: true });
  if (options.signal?.aborted) void stop();
  return { stop, stopped };
}

/** "message: cause's message: …", made safe to store and log. */
function describeWithCauses(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 5; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return storableText(parts.join(": "));
}
