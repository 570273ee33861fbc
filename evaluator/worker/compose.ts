import os from "node:os";
import type { Db, Sql } from "@/db/client";
import type { Config } from "@/lib/config";
import { displayText } from "@/lib/core/untrusted-text";
import type { Queue, QueueBinding } from "@/lib/queue";
import { openBundleStore, type BundleStore } from "@/lib/storage";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { launchSandbox } from "@/evaluator/sandbox";
import { createCancellationNotices } from "./cancellation-notices";
import { detectGpu } from "./gpu";
import { startWorker, type RunningWorker } from "./start-worker";
import type { Clock, LaunchSandbox, NativeBackend } from "./types";

/**
 * What a worker is made of. The configuration, the database, LISTEN's client and the queue are given; the rest
 * defaults to what the configuration names or this host has, and a test may pass its own.
 */
export type WorkerParts = {
  /** The settings (lib/config.ts): backend, concurrency, job expiry, bundle cap, sandbox user, storage and datasets. */
  config: Config;
  db: Db;
  /** postgres.js client, for LISTEN. */
  sql: Sql;
  queue: Queue;
  /** Default: the store under the configured HELDOUT_STORAGE. */
  store?: BundleStore;
  /** Default: the real bubblewrap sandbox. */
  launchSandbox?: LaunchSandbox;
  /** The native TF.js build and its GPU; default: whatever this host has built (undefined when none). */
  native?: NativeBackend;
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: this machine's hostname. */
  host?: string;
  /** Jobs at once; default the configured HELDOUT_WORKER_CONCURRENCY, else 1. */
  concurrency?: number;
  /** The queues to take jobs from; default all of them. */
  binding?: QueueBinding;
  /** Default 3. */
  heartbeatSeconds?: number;
  /** Default the configured HELDOUT_JOB_EXPIRE_SECONDS. */
  staleAfterSeconds?: number;
  /** Default 2. */
  pollingIntervalSeconds?: number;
  /** Aborting it stops the worker like `stop()`. */
  signal?: AbortSignal;
  log?: (line: string) => void;
};

const systemClock: Clock = { now: () => Date.now() };

/**
 * The worker's composition root, for `heldout worker` and every in-process worker (tests, benches): it assembles the
 * worker from its parts and hands each module what it needs as arguments; nothing below it reads the configuration.
 */
export async function composeWorker(parts: WorkerParts): Promise<RunningWorker> {
  const { config } = parts;
  // Lines quote submitted code's errors: on the operator's terminal they are shown, never acted on.
  const log = parts.log ?? ((line: string) => process.stderr.write(`[worker] ${displayText(line)}\n`));
  const deps = {
    db: parts.db,
    queue: parts.queue,
    store: parts.store ?? openBundleStore(config.storageDir),
    launchSandbox: parts.launchSandbox ?? launchSandbox,
    sandboxUser: config.sandbox,
    datasetsDir: config.datasetsDir,
    host: parts.host ?? os.hostname(),
    backend: config.backend,
    maxBundleBytes: config.limits.maxBundleBytes,
    native: parts.native ?? hostNativeBackend(),
    clock: parts.clock ?? systemClock,
    heartbeatSeconds: parts.heartbeatSeconds ?? 3,
    log,
    notices: createCancellationNotices(),
  };
  return startWorker(deps, {
    sql: parts.sql,
    concurrency: parts.concurrency ?? config.worker.concurrency ?? 1,
    binding: parts.binding ?? {},
    staleAfterSeconds: parts.staleAfterSeconds ?? config.worker.jobExpireSeconds,
    pollingIntervalSeconds: parts.pollingIntervalSeconds ?? 2,
    signal: parts.signal,
  });
}

/** The native TF.js build on this host, and the GPU its GPU build runs on. */
function hostNativeBackend(): NativeBackend | undefined {
  const native = findNativeTfjs();
  return native ? { path: native.path, gpu: native.kind === "tensorflow-gpu" ? detectGpu() : null } : undefined;
}
