import type { Sql } from "@/db/client";
import { subscribe } from "@/lib/events";
import { storableText } from "@/lib/core/untrusted-text";
import { type QueueBinding, type UnitJob } from "@/lib/queue";
import { JOB_PRIORITY } from "@/lib/submissions/queue-evaluation";
import { evaluateUnit } from "./evaluate-unit";
import { stampPresence } from "./presence";
import { reapOnce } from "./reaper";
import type { WorkerDeps } from "./types";

/** How the worker's loop runs: how many jobs at once, from which queues, how often it polls and reaps. */
export type WorkerLoop = {
  /** postgres.js client, for LISTEN. */
  sql: Sql;
  /** Jobs run at once by this process. */
  concurrency: number;
  /** The queues (tracks, devices, benchmarks) this worker takes jobs from; empty: all of them. */
  binding: QueueBinding;
  /** A running attempt without a heartbeat for this long is declared lost and its unit retried elsewhere. */
  staleAfterSeconds: number;
  /** Fallback polling when no NOTIFY arrives (new jobs are normally picked up on their NOTIFY). */
  pollingIntervalSeconds: number;
  /** Aborting it stops the worker like `stop()`. */
  signal?: AbortSignal;
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
 * unit is handed back, plus a reaper of attempts whose worker died. Everything comes in assembled (compose.ts).
 */
export async function startWorker(deps: WorkerDeps, options: WorkerLoop): Promise<RunningWorker> {
  const { log, heartbeatSeconds } = deps;
  const { staleAfterSeconds } = options;
  const { queue } = deps;
  const { binding } = options;
  const shutdown = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let taking = true;
  const alarm = createAlarm(options.pollingIntervalSeconds * 1000);
  const { wake } = alarm;

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
      const seen = alarm.wakeups();
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
        if (alarm.wakeups() === seen) await alarm.idle();
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

  const presence = stampPresence({ db: deps.db, host: deps.host, concurrency: consumers.length, log });

  const reaper = startReaper({ deps, staleAfterSeconds, everyMs: heartbeatSeconds * 1000, onReaped: wake });

  let stopping: Promise<void> | undefined;
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((resolve) => (resolveStopped = resolve));
  const stop = ({ timeoutMs = 30_000 } = {}) => {
    stopping ??= (async () => {
      reaper.stop();
      await presence.stop();
      await unsubscribe().catch(() => {});
      taking = false;
      wake();
      if (!(await settledWithin(inFlight, timeoutMs))) {
        log(`interrupting ${inFlight.size} running evaluation(s); they will be retried`);
        shutdown.abort();
        await Promise.allSettled([...inFlight]);
      }
      await Promise.allSettled(consumers);
      resolveStopped();
    })();
    return stopping;
  };
  options.signal?.addEventListener("abort", () => void stop(), { once: true });
  if (options.signal?.aborted) void stop();
  return { stop, stopped };
}

/**
 * Where idle consumers wait until a NOTIFY, a finished job or the polling interval wakes them. Wake-ups are counted,
 * so one heard while a consumer was claiming (not yet asleep) is not lost.
 */
function createAlarm(pollingMs: number) {
  const sleepers = new Set<() => void>();
  let wakeups = 0;
  return {
    wakeups: () => wakeups,
    wake: () => {
      wakeups++;
      sleepers.forEach((resume) => resume());
    },
    idle: () =>
      new Promise<void>((resolve) => {
        const resume = () => {
          clearTimeout(timer);
          sleepers.delete(resume);
          resolve();
        };
        const timer = setTimeout(resume, pollingMs);
        sleepers.add(resume);
      }),
  };
}

/** Reaps lost attempts every `everyMs`, one pass at a time; `onReaped` when a pass handed units back. */
function startReaper(input: { deps: WorkerDeps; staleAfterSeconds: number; everyMs: number; onReaped: () => void }) {
  const { deps } = input;
  let reaping = false;
  const timer = setInterval(() => {
    if (reaping) return;
    reaping = true;
    reapOnce({ db: deps.db, queue: deps.queue, staleAfterSeconds: input.staleAfterSeconds, log: deps.log })
      .then((n) => n > 0 && input.onReaped())
      .catch((error: unknown) => deps.log(`reaper: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => (reaping = false));
  }, input.everyMs);
  return { stop: () => clearInterval(timer) };
}

/** Whether every one of `running` settled within `timeoutMs`. */
async function settledWithin(running: Set<Promise<void>>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  const outcome = await Promise.race([Promise.allSettled([...running]), timedOut]);
  clearTimeout(timer);
  return outcome !== "timeout";
}

/** "message: cause's message: …", made safe to store and log. */
function describeWithCauses(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 5; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return storableText(parts.join(": "));
}
