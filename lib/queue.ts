import PgBoss from "pg-boss";
import type { Db } from "@/db/client";
import { trackEnum } from "@/db/schema";
import {
  claimFairJob,
  findJob,
  findWaitingJobsOfUnits,
  lowerWaitingBaselineJobs,
  type UnitJobRow,
} from "@/db/queries/unit-jobs";
import { evaluateUnitJob, type EvaluateUnitPayload } from "./jobs";

/*
 * The evaluation queue, on pg-boss. Nothing else in the code base touches pg-boss.
 *
 * Named queues: each unit is sent to the queue of its track and device (`evaluate-unit.<track>.<cpu|gpu>`), and a
 * worker takes the queues of its binding (`heldout worker --tracks/--devices/--benchmarks`; default: all).
 *
 * Fairness: workers do not use pg-boss's fetch (priority, then first come first served). They claim with
 * db/queries/unit-jobs.ts `claimFairJob`, which orders the waiting jobs of their queues at claim time by
 *   1. priority (the bands: competitors 10, baselines 0, re-evaluations -10, the standard RL boards' baselines -20;
 *      lib/submissions/queue-evaluation.ts),
 *   2. the submitting team's (or solo user's) jobs active now, fewest first,
 *   3. the team's compute: seconds its active jobs have run so far plus its attempts finished in the last 24 hours,
 *   4. age,
 * and marks the chosen job active exactly as pg-boss's own fetch does, so pg-boss keeps every guarantee: a job exists
 * iff the transaction that sent it commits, a failed job is retried (same job: same priority and expiry) up to its
 * retry limit, an active job past its expiry is failed back by pg-boss's maintenance, and completion is pg-boss's.
 * Why at claim time: the order is always computed from the present state (what runs now, what ran recently), so
 * nothing has to be re-balanced when work starts or finishes, and a team that stops submitting is no longer
 * favoured or penalised once its window has passed. Priorities assigned at enqueue time could only interleave
 * submissions by position, and would need rewriting on every start and finish.
 * Limits: claims are serialised by one advisory lock (a claim is one short query; thousands of waiting jobs cost
 * milliseconds); "compute" is wall time of attempts, not CPU or GPU time, and counts every benchmark alike; a unit
 * already running is never pre-empted, so a light team still waits for the unit in progress (at most one unit's time
 * when its queue has a single worker); within a team, jobs go oldest first.
 */

/** A drizzle transaction, as handed to the callback of `db.transaction`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The tracks, as the database names them. */
export const UNIT_TRACKS = trackEnum.enumValues;
export type UnitTrack = (typeof UNIT_TRACKS)[number];
export const UNIT_DEVICES = ["cpu", "gpu"] as const;
export type UnitDevice = (typeof UNIT_DEVICES)[number];

/** The named queue of a track's units that need `device`, e.g. `evaluate-unit.fewshot.cpu`. */
export function unitQueueName(track: UnitTrack, device: UnitDevice): string {
  return `${evaluateUnitJob.name}.${track}.${device}`;
}

/** Every named evaluate-unit queue. */
export const UNIT_QUEUES = UNIT_TRACKS.flatMap((track) => UNIT_DEVICES.map((device) => unitQueueName(track, device)));

/**
 * The single queue every unit went to before queues were named (`evaluate-unit`). Jobs still waiting in it after an
 * upgrade are consumed by the workers that take their track's CPU queue; nothing new is sent to it.
 */
const LEGACY_QUEUE = evaluateUnitJob.name;
const ALL_QUEUES = [...UNIT_QUEUES, LEGACY_QUEUE];

/** What a worker takes: any omitted list means "all". */
export type QueueBinding = { tracks?: UnitTrack[]; devices?: UnitDevice[]; benchmarks?: string[] };

/** A claimed evaluate-unit job: its queue, payload (unparsed: handlers re-parse it) and what a retry must keep. */
export type UnitJob = Omit<UnitJobRow, "state">;

export type Queue = {
  /** Enqueues one evaluation unit in the caller's transaction: the job exists if and only if the transaction commits. */
  enqueueUnit: (
    tx: Tx,
    payload: EvaluateUnitPayload,
    options: { track: UnitTrack; device: UnitDevice; priority: number; expireInSeconds: number },
  ) => Promise<string>;
  /** Claims the next job fairly between teams (db/queries/unit-jobs.ts) from the queues of `binding`. */
  /** The fairest waiting job of the bound queues; with `minPriority`, only jobs of at least that priority. */
  claim: (binding: QueueBinding, options?: { minPriority?: number }) => Promise<UnitJob | undefined>;
  /** The job's handler settled it. */
  complete: (job: Pick<UnitJob, "name" | "id">) => Promise<void>;
  /**
   * A platform fault ended the job's attempt: pg-boss puts it back for a retry (same job: same priority and expiry)
   * while retries are left, and fails it otherwise. Returns the job's state afterwards.
   */
  fail: (job: Pick<UnitJob, "name" | "id">, message: string, tx?: Tx) => Promise<string | undefined>;
  /** Sends the unit again as a fresh job in the same queue, at the same priority and expiry, with all its retries. */
  requeue: (job: UnitJob, tx?: Tx) => Promise<string>;
  /** Withdraws the jobs still waiting for these units; returns how many. */
  cancelUnits: (unitIds: string[], tx?: Tx) => Promise<number>;
  /** Lowers the waiting jobs of a benchmark's baselines to `priority` (never raises one); returns how many changed. */
  lowerWaitingBaselines: (benchmarkId: string, priority: number) => Promise<number>;
  /** A job by id, in whichever queue, with its state; undefined once pg-boss has removed it. */
  find: (jobId: string, tx?: Tx) => Promise<UnitJobRow | undefined>;
  stop: (options?: { graceful?: boolean; timeoutMs?: number }) => Promise<void>;
};

/** Platform faults (lost worker, DB blip) are retried this many times before the submission fails as "platform". */
export const UNIT_RETRY_LIMIT = 2;

/** How far back a team's finished attempts count as its recent use of compute when the next unit is chosen. */
const FAIR_SHARE_WINDOW_SECONDS = 24 * 3600;

/**
 * Opens pg-boss on `url` (its tables live in the `pgboss` schema) and makes sure the evaluate-unit queues exist.
 * `db` runs the queue's own queries (the fair claim). Errors from pg-boss's background loops go to `onError`
 * (default: stderr) instead of crashing the process.
 */
export async function createQueue(options: {
  url: string;
  db: Db;
  onError?: (error: unknown) => void;
  /** How often expired jobs are failed back for retry; also the delay before a timed-out job is seen again. */
  maintenanceIntervalSeconds?: number;
}): Promise<Queue> {
  const { db } = options;
  const boss = new PgBoss({
    connectionString: options.url,
    schema: "pgboss",
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  });
  boss.on("error", options.onError ?? ((error) => process.stderr.write(`[queue] ${describe(error)}\n`)));
  await boss.start();
  for (const name of ALL_QUEUES) {
    await boss.createQueue(name, { name, retryLimit: UNIT_RETRY_LIMIT, retryDelay: 0, retryBackoff: false });
  }
  const on = (tx: Tx | undefined) => (tx ? { db: transactionExecutor(tx) } : {});
  const send = async (
    name: string,
    data: EvaluateUnitPayload,
    job: { priority: number; expireInSeconds: number },
    tx?: Tx,
  ) => {
    const id = await boss.send(name, data, {
      priority: job.priority,
      expireInSeconds: job.expireInSeconds,
      retryLimit: UNIT_RETRY_LIMIT,
      ...on(tx),
    });
    if (!id) throw new Error(`pg-boss refused the ${name} job for unit ${data.unitId}`);
    return id;
  };
  return {
    enqueueUnit: async (tx, payload, job) =>
      send(unitQueueName(job.track, job.device), evaluateUnitJob.payload.parse(payload), job, tx),
    claim: async (binding, options) => {
      const tracks = binding.tracks ?? [...UNIT_TRACKS];
      const devices = binding.devices ?? [...UNIT_DEVICES];
      const row = await claimFairJob(db, {
        allQueues: ALL_QUEUES,
        queues: tracks.flatMap((track) => devices.map((device) => unitQueueName(track, device))),
        benchmarks: binding.benchmarks ?? null,
        minPriority: options?.minPriority ?? null,
        legacy: devices.includes("cpu") ? { queue: LEGACY_QUEUE, tracks } : null,
        recentSeconds: FAIR_SHARE_WINDOW_SECONDS,
      });
      if (!row) return undefined;
      const { state: _state, ...job } = row;
      return job;
    },
    complete: async (job) => {
      await boss.complete(job.name, job.id);
    },
    fail: async (job, message, tx) => {
      await boss.fail(job.name, job.id, { message }, on(tx));
      return (await findJob(tx ?? db, job.id))?.state;
    },
    requeue: async (job, tx) => send(job.name, evaluateUnitJob.payload.parse(job.data), job, tx),
    cancelUnits: async (unitIds, tx) => {
      const jobs = await findWaitingJobsOfUnits(tx ?? db, ALL_QUEUES, unitIds);
      for (const name of new Set(jobs.map((j) => j.name))) {
        await boss.cancel(
          name,
          jobs.filter((j) => j.name === name).map((j) => j.id),
          on(tx),
        );
      }
      return jobs.length;
    },
    lowerWaitingBaselines: (benchmarkId, priority) =>
      lowerWaitingBaselineJobs(db, { queues: ALL_QUEUES, benchmarkId, priority }),
    find: (jobId, tx) => findJob(tx ?? db, jobId),
    stop: async ({ graceful = true, timeoutMs = 30_000 } = {}) => {
      await boss.stop({ graceful, timeout: timeoutMs, wait: true });
    },
  };
}

/**
 * pg-boss runs its SQL through `executeSql(text, values)`; this one runs it on the connection of a drizzle
 * transaction. drizzle keeps postgres.js serializers for json and timestamps transparent, so objects and dates
 * are turned into text here (and postgres.js refuses `undefined`, which pg-boss uses for "not set").
 */
export function transactionExecutor(tx: Tx): PgBoss.Db {
  const client = (tx as unknown as { session?: { client?: { unsafe?: unknown } } }).session?.client;
  if (!client || typeof client.unsafe !== "function") {
    throw new Error("transactionExecutor needs a drizzle postgres-js transaction");
  }
  const unsafe = client.unsafe as (text: string, values: unknown[]) => Promise<unknown[]>;
  return {
    executeSql: async (text: string, values: unknown[] = []) => {
      const rows = await unsafe.call(client, text, values.map(toParameter));
      return { rows };
    },
  } as PgBoss.Db;
}

function toParameter(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return JSON.stringify(value);
  return value;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
