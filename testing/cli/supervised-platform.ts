import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { openPlatformDatabase } from "@/db/platform";
import type { User } from "@/db/queries/users";
import { submissions } from "@/db/schema";
import { parseConfig } from "@/lib/config";
import { AppError } from "@/lib/core/errors";
import { freePort } from "@/db/os";
import { createQueue, type Queue } from "@/lib/queue";
import { cancelSubmission } from "@/lib/submissions/cancel";
import { pollFor } from "@/testing/platform/wait";

const root = path.resolve(import.meta.dirname, "..", "..");
export const BIN = path.join(root, "cli", "bin", "heldout.js");

export type SupervisedName = "PostgreSQL" | "worker" | "site";

export type SupervisedPlatform = {
  url: string;
  home: string;
  supervisor: ChildProcess;
  /** Everything `heldout start` printed so far. */
  output: () => string;
  /** The pid of the latest start of `name` the supervisor logged. */
  pidOf: (name: SupervisedName) => number | undefined;
  /** The platform's database (shared with the running cluster) and queue, for setting up submissions. */
  databaseUrl: string;
  database: Database;
  queue: Queue;
  stop: () => Promise<void>;
};

/**
 * The real `heldout start` on a fresh HELDOUT_HOME and a free port (embedded PostgreSQL, worker and site as its
 * supervised processes), resolved once it says it is running. `env` adds settings (worker concurrency, staleness).
 */
export async function startSupervisedPlatform(env: Record<string, string>): Promise<SupervisedPlatform> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-supervised-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _external, ...inherited } = process.env;
  const supervisor = spawn(process.execPath, [BIN, "start"], {
    cwd: root,
    env: { ...inherited, HELDOUT_HOME: home, PORT: String(port), HOSTNAME: "127.0.0.1", NEXTAUTH_URL: url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  supervisor.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  supervisor.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise((resolve) => supervisor.once("exit", resolve));
  const stopSupervisor = async () => {
    if (supervisor.exitCode === null && supervisor.signalCode === null) {
      supervisor.kill("SIGTERM");
      await exited;
    }
  };
  try {
    // Its output, not the database, says when it is up: polled.
    await pollFor(
      "heldout start to come up",
      async () => {
        if (supervisor.exitCode !== null)
          throw new Error(`heldout start exited with code ${supervisor.exitCode}:\n${output}`);
        return output.includes("Heldout is running at") ? true : undefined;
      },
      240_000,
    );
  } catch (error) {
    await stopSupervisor();
    fs.rmSync(home, { recursive: true, force: true });
    throw error;
  }
  const platform = await openPlatformDatabase(parseConfig({ HELDOUT_HOME: home }));
  const queue = await createQueue({ url: platform.url, db: platform.database.db, onError: () => {} });
  return {
    url,
    home,
    supervisor,
    output: () => output,
    pidOf: (name) => {
      const matches = [...output.matchAll(new RegExp(`\\[heldout\\] ${name} started \\(pid (\\d+)\\)`, "g"))];
      return matches.length ? Number(matches[matches.length - 1][1]) : undefined;
    },
    databaseUrl: platform.url,
    database: platform.database,
    queue,
    stop: async () => {
      await queue.stop({ graceful: false }).catch(() => {});
      await platform.database.close().catch(() => {});
      await stopSupervisor();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** GET /api/health: its status and body, or undefined when the site does not answer. */
export async function fetchHealth(
  url: string,
): Promise<{ status: number; body: { ok: boolean; reason?: string } } | undefined> {
  try {
    const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: (await response.json()) as { ok: boolean; reason?: string } };
  } catch {
    return undefined;
  }
}

/**
 * Cancels, as `organizer`, every submission still queued or running: the baselines the start queued, so that what a
 * test or bench submits next does not wait behind minutes of other work on a one-evaluation worker.
 */
export async function withdrawOpenSubmissions(platform: SupervisedPlatform, organizer: User): Promise<void> {
  const { db } = platform.database;
  const open = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(inArray(submissions.status, ["queued", "running"]));
  for (const { id } of open) {
    await cancelSubmission({ db, queue: platform.queue, submissionId: id, user: organizer }).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === "not_cancellable")) throw error;
    });
  }
}

/** Uniform predictions, slowly: each episode takes ~300 ms, so a kill lands mid-unit. */
export const SLOW_LEARNER = `export default function create() {
  let ways = 2;
  return {
    adapt(support) { ways = support.ways; },
    predict(query) {
      const until = Date.now() + 300;
      while (Date.now() < until) {}
      return Array.from({ length: query.images.shape[0] }, () => Array.from({ length: ways }, () => 1 / ways));
    },
  };
}
`;
