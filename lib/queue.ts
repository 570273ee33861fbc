import PgBoss from "pg-boss";
import type { Db } from "@/db/client";
import { evaluateUnitJob, type EvaluateUnitPayload } from "./jobs";

/** A drizzle transaction, as handed to the callback of `db.transaction`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type Queue = {
  boss: PgBoss;
  /** Enqueues one evaluation unit in the caller's transaction: the job exists if and only if the transaction commits. */
  enqueueUnit: (tx: Tx, payload: EvaluateUnitPayload, options: { priority: number; expireInSeconds: number }) => Promise<string>;
  stop: (options?: { graceful?: boolean; timeoutMs?: number }) => Promise<void>;
};

/** Platform faults (lost worker, DB blip) are retried this many times before the submission fails as "platform". */
export const UNIT_RETRY_LIMIT = 2;

/**
 * Opens pg-boss on `url` (its tables live in the `pgboss` schema) and makes sure the evaluate-unit queue exists.
 * Errors from pg-boss's background loops go to `onError` (default: stderr) instead of crashing the process.
 */
export async function createQueue(options: {
  url: string;
  onError?: (error: unknown) => void;
  /** How often expired jobs are failed back for retry; also the delay before a timed-out job is seen again. */
  maintenanceIntervalSeconds?: number;
}): Promise<Queue> {
  const boss = new PgBoss({
    connectionString: options.url,
    schema: "pgboss",
    max: 4,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
  });
  boss.on("error", options.onError ?? ((error) => process.stderr.write(`[queue] ${describe(error)}\n`)));
  await boss.start();
  await boss.createQueue(evaluateUnitJob.name, {
    name: evaluateUnitJob.name,
    retryLimit: UNIT_RETRY_LIMIT,
    retryDelay: 0,
    retryBackoff: false,
  });
  return {
    boss,
    enqueueUnit: async (tx, payload, jobOptions) => {
      const data = evaluateUnitJob.payload.parse(payload);
      const id = await boss.send(evaluateUnitJob.name, data, {
        priority: jobOptions.priority,
        expireInSeconds: jobOptions.expireInSeconds,
        retryLimit: UNIT_RETRY_LIMIT,
        db: transactionExecutor(tx),
      });
      if (!id) throw new Error(`pg-boss refused the ${evaluateUnitJob.name} job for unit ${data.unitId}`);
      return id;
    },
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
