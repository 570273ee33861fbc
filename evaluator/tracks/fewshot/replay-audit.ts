import { randomInt } from "node:crypto";
import { UserCodeError } from "@/lib/core/errors";
import type { TrackSession } from "../runner-types";
import type { FewshotExchange } from "./exchange";

type Sandbox = TrackSession & { close(): Promise<unknown> };

export type ReplayAuditOptions = {
  /** How many episodes to replay (all of them when the partition is smaller). */
  replays: number;
  episodes: number;
  ways: number;
  startSession(): Promise<Sandbox>;
  /** Ends the run's sandbox, so nothing of it is still running when a replay's submitted code starts. */
  closeRun(): Promise<unknown>;
  exchange: FewshotExchange;
  signal: AbortSignal;
};

export type ReplayAudit = {
  /** The run's answer to episode `index`, to hold its replay to. */
  record(index: number, probabilities: Float32Array): void;
  /** Ends the run's sandbox, draws the episodes to replay, and replays each in a fresh sandbox; throws on a mismatch. */
  check(): Promise<void>;
  /** Closes every replay sandbox still open (after a failure, or sandboxes started for nothing). */
  close(): Promise<void>;
};

/**
 * Replay sandboxes starting at once (start-up is CPU-bound; more would slow the run they overlap). An idle one, the
 * runtime loaded and waiting for init, holds about 70 MB of its own.
 */
const START_LANES = 2;
/**
 * How far a replayed probability may be from the run's: float rounding may differ between processes (thread
 * partitions, GPU kernels); what a learner remembers moves answers far more, and a change this small flips no argmax
 * but a near-tie.
 */
export const REPLAY_TOLERANCE = 1e-4;

/**
 * isolation: task for learner bundles. Starting each of hundreds of episodes in a sandbox of its own costs its
 * start-up (≈0.4 s) every episode, tens of times a learner baseline's whole run (bench/fewshot-isolation.ts); so one
 * sandbox answers them all, and afterwards `replays` episodes, drawn from the system's CSPRNG once the run's sandbox
 * has ended (the bundle cannot know which), are answered again each by a fresh sandbox of the bundle as submitted. A
 * learner whose answers depend on earlier episodes on a fraction f of them escapes with probability (1 − f)^replays.
 * The replay sandboxes are started (to the runtime's hello: no submitted code runs) while the run goes on,
 * `START_LANES` at a time, so only their init and episode remain after it. Replays run one after another: a unit never
 * has more than one sandbox running submitted code, so it stays within one sandbox's memory limit as the worker's
 * sizing assumes.
 */
export function startReplayAudit(options: ReplayAuditOptions): ReplayAudit {
  const { exchange, signal } = options;
  const count = Math.min(options.replays, options.episodes);
  const answers = new Map<number, Float32Array>();
  let stopped = false;
  const started: Promise<Sandbox | undefined>[] = [];
  for (let i = 0; i < count; i++) {
    const before = started[i - START_LANES];
    const start = () => (stopped ? undefined : options.startSession());
    started.push(before ? before.then(start, start) : Promise.resolve().then(start));
  }
  // A start that fails is reported when its sandbox is wanted; until then nobody awaits it.
  for (const sandbox of started) sandbox.catch(() => undefined);

  const replay = async (slot: number, index: number) => {
    const sandbox = (await started[slot])!;
    signal.throwIfAborted();
    await exchange.init(sandbox);
    const { probabilities } = await exchange.play(sandbox, index);
    const mismatch = firstDifference(answers.get(index)!, probabilities, options.ways);
    if (mismatch) {
      throw new UserCodeError(
        "isolation",
        `isolation: task — episode ${index}, answered again by a fresh sandbox of the bundle, gave other probabilities than in the run ` +
          `(query ${mismatch.query + 1}, class ${mismatch.label}: ${mismatch.replayed} there, ${mismatch.run} in the run). A learner's ` +
          "answers may depend only on the bundle and the episode itself: keep nothing from earlier episodes (module state, /tmp), " +
          "and draw randomness from Math.random or TF.js's random ops, which the runtime seeds per episode.",
      );
    }
    await sandbox.close();
  };

  return {
    record(index, probabilities) {
      answers.set(index, probabilities);
    },
    async check() {
      await options.closeRun();
      const indices = drawDistinct(count, options.episodes);
      for (const [slot, index] of indices.entries()) await replay(slot, index);
    },
    async close() {
      stopped = true;
      const sandboxes = await Promise.allSettled(started);
      for (const sandbox of sandboxes)
        if (sandbox.status === "fulfilled") await sandbox.value?.close().catch(() => undefined);
    },
  };
}

/** `count` distinct episode indices below `episodes`, uniformly, from the CSPRNG (a partial Fisher–Yates shuffle). */
function drawDistinct(count: number, episodes: number): number[] {
  const pool = Array.from({ length: episodes }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = randomInt(i, episodes);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/** The first probability (query-major, `ways` per query) further than REPLAY_TOLERANCE from the run's, if any. */
function firstDifference(run: Float32Array, replayed: Float32Array, ways: number) {
  for (let i = 0; i < run.length; i++) {
    if (!(Math.abs(run[i]! - replayed[i]!) <= REPLAY_TOLERANCE)) {
      return { query: Math.floor(i / ways), label: i % ways, run: shown(run[i]!), replayed: shown(replayed[i]!) };
    }
  }
  return undefined;
}

/** A float32 as a person reads it (0.21, not 0.20999999344348907). */
const shown = (value: number) => String(Number(value.toPrecision(6)));
