/** The types of a track's runner: what the worker hands a unit's driver and what it gets back. Worker side only. */
import type { BenchmarkSpec } from "@/lib/benchmark-spec";
import type { VersionSecrets } from "@/lib/private-seeds";
import type { Manifest } from "@/evaluator/protocol/manifest";
import type { SandboxSession } from "@/evaluator/sandbox";
import type { ResultRow, TrackDefinition, UnitPlan } from "./types";

/** The part of a sandbox session a track uses: request → reply (throws UserCodeError when the code under evaluation fails). */
export type TrackSession = Pick<SandboxSession, "request">;

/**
 * How far a unit has got: `done` of `total` (episodes, steps: the track's own unit of work), and what else the track
 * wants shown while it runs (Atari: steps, episodes, recent returns). The worker stores it as JSON on the unit.
 */
export type UnitProgress = { done: number; total: number; detail?: Record<string, unknown> };

export type RunUnitContext<S extends BenchmarkSpec = BenchmarkSpec> = {
  spec: S;
  /** The version's private seeds (server-side only: a driver uses them for the environment, never sends them); null for versions whose spec names them. */
  secrets?: VersionSecrets | null;
  unit: UnitPlan;
  /** The submission's validated manifest (sent to the runtime at init). */
  manifest: Manifest;
  session: TrackSession;
  /**
   * Starts another sandbox of the same bundle, for a track that starts each task afresh (`isolation: task`); the
   * track closes it. The worker keeps its log with the unit's.
   */
  startSession?(): Promise<TrackSession & { close(): Promise<unknown> }>;
  /** Ends `session` before the unit does (its log is kept), for a track whose later sandboxes must not overlap it. */
  closeSession?(): Promise<unknown>;
  onProgress(progress: UnitProgress): void;
  signal: AbortSignal;
  /** The dataset store (HELDOUT_DATASETS), for a track whose data may live there: few-shot on an imported dataset. */
  datasetsDir?: string;
};

/**
 * A track as the worker runs it: its definition and how one unit runs (the trusted side of the protocol: it owns the
 * data and computes every score).
 */
export type Track<S extends BenchmarkSpec = BenchmarkSpec> = TrackDefinition<S> & {
  runUnit(context: RunUnitContext<S>): Promise<ResultRow[]>;
};
