import type { Db } from "@/db/client";
import type { Config } from "@/lib/config";
import type { Queue } from "@/lib/queue";
import type { BundleStore } from "@/lib/storage";
import type { LaunchOptions, SandboxSession } from "../sandbox";
import type { CancellationNotices } from "./cancellation-notices";

/** Starts a sandbox for one attempt (the real one is evaluator/sandbox's launchSandbox). */
export type LaunchSandbox = (options: LaunchOptions) => Promise<SandboxSession>;

/** A built native TF.js package and the GPU it runs on (null: the CPU build, or no GPU found). */
export type NativeBackend = { path: string; gpu: string | null };

/** Where the worker reads the time for an attempt's wall clock. */
export type Clock = { now: () => number };

/** What one worker process needs; everything is passed in (evaluator/worker/compose.ts builds it), nothing is opened at import. */
export type WorkerDeps = {
  db: Db;
  queue: Queue;
  store: BundleStore;
  launchSandbox: LaunchSandbox;
  /** The unprivileged user sandboxes run as when the worker is root. */
  sandboxUser: { uid: number; gid: number };
  /** The dataset store a track's data may live in. */
  datasetsDir: string;
  /** Name of this machine, recorded on every attempt. */
  host: string;
  backend: Config["backend"];
  /** The archive cap a stored bundle is opened under (the site's, which admitted it). */
  maxBundleBytes: number;
  /** A built native TF.js package, when this host has one. */
  native: NativeBackend | undefined;
  clock: Clock;
  /** Seconds between heartbeats of a running attempt. */
  heartbeatSeconds: number;
  log: (line: string) => void;
  /** Cancellation notices heard on NOTIFY; without them a cancelled unit stops at its next heartbeat. */
  notices?: CancellationNotices;
};
