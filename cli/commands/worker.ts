import os from "node:os";
import { openDatabase } from "@/db/client";
import { composeWorker } from "@/evaluator/worker";
import { getConfig } from "@/lib/config";
import { findMissingSimulators } from "@/evaluator/envs/simulators";
import { createQueue, UNIT_DEVICES, UNIT_TRACKS, type QueueBinding, type UnitTrack } from "@/lib/queue";
import { surviveQueueConnectionLoss } from "@/lib/queue-connection";
import { retryUntilConnected } from "@/lib/retry";
import { parseCommand, UsageError } from "../args";

export const USAGE = `Usage: heldout worker [--concurrency N] [--tracks LIST] [--devices LIST] [--benchmarks LIST]

Evaluates queued submissions from the platform's database (DATABASE_URL), alongside any number of other workers.
Runs until Ctrl-C or SIGTERM, then finishes (or hands back) the evaluations it is running.

By default it takes units of every queue. To dedicate it to some (comma-separated lists):
  --tracks fewshot,atari,metaworld   units of these tracks only
  --devices cpu,gpu                  units that need a CPU, or a GPU (a benchmark's limits.device)
  --benchmarks SLUG,...              units of these benchmarks only`;

/** `heldout worker`: a standalone evaluation worker against DATABASE_URL. Returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, {
    concurrency: { type: "string" },
    tracks: { type: "string" },
    devices: { type: "string" },
    benchmarks: { type: "string" },
  });
  if (!parsed) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { values } = parsed;
  const asked = parseBinding(values);
  const config = getConfig();
  const concurrency = values.concurrency === undefined ? (config.worker.concurrency ?? 1) : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    process.stderr.write(`--concurrency must be a whole number from 1 to 64, got '${values.concurrency}'.\n`);
    return 2;
  }
  if (!config.databaseUrl) {
    process.stderr.write(
      "heldout worker needs DATABASE_URL: the PostgreSQL database of the platform it works for,\n" +
        "e.g. DATABASE_URL=postgres://heldout:secret@db.example.org:5432/heldout heldout worker\n",
    );
    return 2;
  }
  // Without a simulator its track's units stay queued (they would fail as platform faults) until a worker has it.
  const { binding, waiting } = withoutMissingSimulators(asked, await findMissingSimulators(config.python));
  for (const line of waiting) process.stderr.write(`[worker] ${line}\n`);
  if (binding.tracks?.length === 0) {
    process.stderr.write("heldout worker: none of the tracks it was asked to take can run on this host (see above).\n");
    return 2;
  }
  surviveQueueConnectionLoss((line) => process.stderr.write(`[worker] ${line}\n`));
  const database = openDatabase(config.databaseUrl);
  // PostgreSQL may be down or restarting (under `heldout start` too): wait for it rather than exit.
  const queue = await retryUntilConnected(
    "the database",
    () => createQueue({ url: config.databaseUrl!, db: database.db }),
    {
      log: (line) => process.stderr.write(`[worker] ${line}\n`),
    },
  );
  const worker = await composeWorker({ config, db: database.db, sql: database.sql, queue, concurrency, binding });
  process.stdout.write(
    `Worker on ${os.hostname()} is waiting for evaluations (${concurrency} at a time, backend ${config.backend}; ${describeBinding(binding)}).\n`,
  );
  const signal = await untilSignal();
  process.stdout.write(`${signal}: finishing running evaluations…\n`);
  await worker.stop();
  await queue.stop();
  await database.close();
  return 0;
}

/** The queues named by --tracks, --devices and --benchmarks (each a comma-separated list; omitted: all). */
export function parseBinding(values: { tracks?: string; devices?: string; benchmarks?: string }): QueueBinding {
  const list = (flag: string, value: string | undefined, allowed?: readonly string[]) => {
    if (value === undefined) return undefined;
    const items = value
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    if (items.length === 0) throw new UsageError(`--${flag} needs at least one name.`);
    const unknown = allowed && items.find((item) => !allowed.includes(item));
    if (unknown) throw new UsageError(`--${flag}: '${unknown}' is not one of ${allowed.join(", ")}.`);
    return items;
  };
  return {
    tracks: list("tracks", values.tracks, UNIT_TRACKS) as QueueBinding["tracks"],
    devices: list("devices", values.devices, UNIT_DEVICES) as QueueBinding["devices"],
    benchmarks: list("benchmarks", values.benchmarks),
  };
}

/**
 * The binding without the tracks whose simulator is missing (all tracks when none were named), and one line per
 * dropped track saying its units wait and how to install what it needs.
 */
export function withoutMissingSimulators(
  binding: QueueBinding,
  missing: { track: UnitTrack; problem: string }[],
): { binding: QueueBinding; waiting: string[] } {
  const asked = binding.tracks ?? [...UNIT_TRACKS];
  const dropped = missing.filter((m) => asked.includes(m.track));
  if (dropped.length === 0) return { binding, waiting: [] };
  const tracks = asked.filter((track) => !dropped.some((m) => m.track === track));
  const waiting = dropped.map(
    (m) => `${TRACK_TITLES[m.track]} units stay queued until a worker can run them: ${m.problem}`,
  );
  return { binding: { ...binding, tracks }, waiting };
}

const TRACK_TITLES: Record<UnitTrack, string> = { fewshot: "Few-shot", atari: "Atari", metaworld: "Meta-World" };

function describeBinding(binding: QueueBinding): string {
  const parts = [
    binding.tracks && `tracks ${binding.tracks.join(", ")}`,
    binding.devices && `${binding.devices.join(", ")} units`,
    binding.benchmarks && `benchmarks ${binding.benchmarks.join(", ")}`,
  ].filter(Boolean);
  return parts.length > 0 ? `only ${parts.join("; ")}` : "every queue";
}

/** Resolves with the first SIGINT, SIGTERM or SIGHUP the process receives; a second one then ends it at once. */
export function untilSignal(): Promise<NodeJS.Signals> {
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      for (const s of signals) process.off(s, on);
      resolve(signal);
    };
    for (const s of signals) process.on(s, on);
  });
}
