import { openBundle } from "@/evaluator/bundle";
import { trackFor, type ResultRow, type Track } from "@/evaluator/tracks/runners";
import { EVALUATOR_VERSION } from "@/evaluator/version";
import {
  completeUnit,
  failAttemptForPlatform,
  failForPlatform,
  failForUserCode,
  setAttemptBackend,
  startAttempt,
  type StartedAttempt,
} from "@/db/queries/evaluation";
import { closeCancelledAttempt } from "@/db/queries/cancellation";
import { benchmarkSpecSchema, type BenchmarkSpec } from "@/lib/benchmark-spec";
import { PlatformError, UserCodeError } from "@/lib/core/errors";
import { writeAndPublish } from "@/lib/events";
import { evaluateUnitJob } from "@/lib/jobs";
import type { Tx, UnitJob } from "@/lib/queue";
import { storableText } from "@/lib/core/untrusted-text";
import { keepAlive, type KeepAlive } from "./heartbeat";
import { makeReadable } from "./readable";
import { modelEngine, type SandboxSession } from "../sandbox";
import type { WorkerDeps } from "./types";

/** Why a running evaluation was told to stop. */
export class StopEvaluation extends Error {
  constructor(readonly why: "superseded" | "shutdown") {
    super(
      why === "superseded"
        ? "The unit was finished, cancelled or handed to another worker."
        : "The worker is shutting down.",
    );
  }
}

/**
 * Handles one evaluate-unit job. Returns normally when the job is settled (scored, failed by the submitted code, or
 * nothing left to do); throws on a platform fault so the queue retries the job, after recording the submission as a
 * platform failure when no retry is left.
 */
export async function evaluateUnit(deps: WorkerDeps, job: UnitJob, shutdown: AbortSignal): Promise<void> {
  const parsed = evaluateUnitJob.payload.safeParse(job.data);
  if (!parsed.success) {
    // A retry cannot fix a malformed payload: report it and settle the job.
    deps.log(`job ${job.id}: malformed ${evaluateUnitJob.name} payload: ${parsed.error.message}`);
    return;
  }
  const started = await openAttempt(deps, job, parsed.data);
  if (started.skip) {
    deps.log(`job ${job.id}: nothing to do for unit ${parsed.data.unitId} (${started.reason})`);
    return;
  }
  const running = new RunningAttempt(deps, job, started, shutdown);
  try {
    await running.run();
  } catch (caught) {
    await running.settle(caught);
  } finally {
    await running.cleanUp();
  }
}

type OpenedAttempt = Extract<StartedAttempt, { skip: false }> & { spec: BenchmarkSpec };

/** Opens the attempt and announces the submission running; the spec is read in that transaction too. */
function openAttempt(deps: WorkerDeps, job: UnitJob, payload: { submissionId: string; unitId: string }) {
  const { submissionId, unitId } = payload;
  return writeAndPublish(
    deps.db,
    // A spec the schema refuses opens no attempt.
    async (tx): Promise<OpenedAttempt | Extract<StartedAttempt, { skip: true }>> => {
      const opened = await startAttempt(tx, {
        unitId,
        submissionId,
        jobId: job.id,
        host: deps.host,
        evaluatorVersion: EVALUATOR_VERSION,
      });
      return opened.skip ? opened : { ...opened, spec: benchmarkSpecSchema.parse(opened.storedSpec) };
    },
    (s) =>
      s.skip
        ? undefined
        : { type: "submission", submissionId, benchmarkId: s.submission.benchmarkId, status: "running" },
  );
}

/**
 * One attempt at a unit, from its open attempt row to its recorded outcome: the bundle unpacked, the sandboxes it
 * runs in, the heartbeat, and how each way of ending is written down.
 */
class RunningAttempt {
  private readonly submissionId: string;
  private readonly benchmarkId: string;
  private readonly track: Track;
  private readonly began: number;
  private readonly stop = new AbortController();
  private readonly onShutdown = () => this.stop.abort(new StopEvaluation("shutdown"));
  private readonly alive: KeepAlive;
  private readonly unwatch: (() => void) | undefined;
  private session: SandboxSession | undefined;
  // Sandboxes a track starts for later tasks of the unit (isolation: task); their logs follow the first one's.
  private readonly later: SandboxSession[] = [];
  private bundle: Awaited<ReturnType<typeof openBundle>> | undefined;
  private closed = false;

  constructor(
    private readonly deps: WorkerDeps,
    private readonly job: UnitJob,
    private readonly started: OpenedAttempt,
    private readonly shutdown: AbortSignal,
  ) {
    const { attempt, unit, submission, spec } = started;
    this.submissionId = submission.id;
    this.benchmarkId = submission.benchmarkId;
    this.track = trackFor(spec);
    this.began = deps.clock.now();
    shutdown.addEventListener("abort", this.onShutdown, { once: true });
    if (shutdown.aborted) this.onShutdown();
    this.alive = keepAlive({
      db: deps.db,
      attemptId: attempt.id,
      unitId: unit.id,
      everyMs: deps.heartbeatSeconds * 1000,
      onStop: () => this.stop.abort(new StopEvaluation("superseded")),
      progressEvent: { type: "progress", submissionId: this.submissionId, benchmarkId: this.benchmarkId },
      onError: (error) => deps.log(`heartbeat of attempt ${attempt.id}: ${describe(error)}`),
    });
    this.unwatch = deps.notices?.watch(this.submissionId, () => this.alive.checkNow());
  }

  /** Unpacks the bundle, runs the unit in its sandbox(es) and records the results. */
  async run(): Promise<void> {
    const { deps, started, stop } = this;
    const { attempt, unit, submission, spec, secrets } = started;
    const bundleDir = await this.unpackBundle();
    const launch = () =>
      deps.launchSandbox({
        bundleDir,
        limits: spec.limits,
        backend: deps.backend,
        tfjsNodePath: deps.native?.path,
        user: deps.sandboxUser,
        signal: stop.signal,
      });
    const session = await launch();
    this.session = session;
    const engine = modelEngine(submission.manifest, session.hello.backend);
    const gpu = engine === "tensorflow" ? (deps.native?.gpu ?? null) : null;
    await setAttemptBackend(deps.db, attempt.id, engine, gpu);
    const rows = await this.track.runUnit({
      spec,
      secrets,
      unit: { key: unit.key, partition: unit.partition },
      manifest: submission.manifest,
      session,
      startSession: async () => {
        const sandbox = await launch();
        this.later.push(sandbox);
        return sandbox;
      },
      closeSession: () => session.close(),
      onProgress: (progress) => this.alive.progress(progress),
      signal: stop.signal,
      datasetsDir: deps.datasetsDir,
    });
    if (stop.signal.aborted) throw stop.signal.reason;
    await this.recordResults(rows);
  }

  /** The stored bundle, unpacked and readable by the sandbox user; a missing or changed one is the platform's fault. */
  private async unpackBundle(): Promise<string> {
    const { submission } = this.started;
    const stored = this.deps.store.path(submission.bundleSha256);
    const bundle = await openBundle({ path: stored, limits: { maxArchiveBytes: this.deps.maxBundleBytes } }).catch(
      (error: unknown) => {
        throw new PlatformError(`Stored bundle ${submission.bundleSha256} could not be opened: ${describe(error)}`, {
          cause: error,
        });
      },
    );
    this.bundle = bundle;
    if (bundle.sha256 !== submission.bundleSha256) {
      throw new PlatformError(`Stored bundle ${submission.bundleSha256} has changed on disk (now ${bundle.sha256}).`);
    }
    await makeReadable(bundle.dir);
    return bundle.dir;
  }

  private async recordResults(rows: ResultRow[]): Promise<void> {
    const { deps, started, submissionId, benchmarkId, track } = this;
    // A heartbeat locks the attempt then the unit, recording the results the unit then the attempt: never both at once.
    await this.alive.stop();
    const log = await this.finalLog();
    const wallMs = deps.clock.now() - this.began;
    await writeAndPublish(
      deps.db,
      (tx) =>
        completeUnit(tx, {
          attemptId: started.attempt.id,
          unitId: started.unit.id,
          rows,
          log,
          wallMs,
          aggregate: (r) => track.aggregate(started.spec, r),
        }),
      (outcome) =>
        outcome.scored
          ? { type: "submission", submissionId, benchmarkId, status: "scored" }
          : outcome.recorded
            ? { type: "progress", submissionId, benchmarkId }
            : undefined,
    );
  }

  /**
   * Records how the attempt ended when it did not score. Rethrows when the queue should retry; when recording the
   * outcome fails (the database refused or lost it), whatever the code did, the unit fails as the platform's fault,
   * so it is retried and never charged; a failure while recording that is logged too.
   */
  async settle(caught: unknown): Promise<void> {
    const { deps, started } = this;
    const error = this.stop.signal.aborted ? this.stop.signal.reason : caught;
    const wallMs = deps.clock.now() - this.began;
    try {
      await this.settleFailure(error, wallMs);
    } catch (recording) {
      if (recording === error) throw error;
      const why = describe(rootCause(recording));
      deps.log(`attempt ${started.attempt.id}: recording its outcome (${describe(error)}) failed: ${why}`);
      const fault = new PlatformError(`The outcome of the evaluation could not be recorded: ${why}`);
      await this.settlePlatformFault(fault, wallMs).catch((again: unknown) => {
        if (again !== fault)
          deps.log(`attempt ${started.attempt.id}: recording the platform fault failed too: ${describe(again)}`);
      });
      throw fault;
    }
  }

  /** Records how the attempt ended when it did not score; throws `error` itself when the queue should retry. */
  private async settleFailure(error: unknown, wallMs: number): Promise<void> {
    const { deps, started, submissionId, benchmarkId } = this;
    const { attempt, unit } = started;
    if (error instanceof StopEvaluation && error.why === "superseded") {
      // Cancelled: the attempt is closed with its log and no results; otherwise another attempt or a reaper owns it.
      const cancelled = await closeCancelledAttempt(deps.db, {
        attemptId: attempt.id,
        log: await this.finalLog(),
        wallMs,
      });
      deps.log(`attempt ${attempt.id}: stopped, ${cancelled ? "its submission was cancelled." : error.message}`);
      return;
    }
    if (error instanceof UserCodeError) {
      const log = await this.finalLog();
      await writeAndPublish(
        deps.db,
        (tx) =>
          failForUserCode(tx, {
            attemptId: attempt.id,
            unitId: unit.id,
            submissionId,
            reason: error.reason,
            message: error.message,
            log,
            wallMs,
          }),
        () => ({ type: "submission", submissionId, benchmarkId, status: "failed" }),
      );
      return;
    }
    await this.settlePlatformFault(error, wallMs);
  }

  private async settlePlatformFault(error: unknown, wallMs: number): Promise<void> {
    const { deps, job, started, submissionId, benchmarkId } = this;
    const { attempt, unit } = started;
    const log = await this.finalLog();
    const closeAttempt = (tx: Tx) =>
      failAttemptForPlatform(tx, { attemptId: attempt.id, unitId: unit.id, error: describe(error), log, wallMs });
    if (error instanceof StopEvaluation) {
      // A shutdown is nobody's fault: hand the unit back as a fresh job (same queue, priority and expiry), with all
      // its retries, in the transaction that closes the attempt.
      await writeAndPublish(
        deps.db,
        async (tx) => {
          await closeAttempt(tx);
          await deps.queue.requeue(job, tx);
        },
        () => ({ type: "submission", submissionId, benchmarkId, status: "retrying" }),
      );
      return;
    }
    const lastTry = job.retryCount >= job.retryLimit;
    await writeAndPublish(
      deps.db,
      async (tx) => {
        await closeAttempt(tx);
        if (lastTry) {
          await failForPlatform(tx, {
            unitId: unit.id,
            submissionId,
            message: `The evaluation could not be completed because of a platform fault (${job.retryCount + 1} attempts); it does not count against your quota.`,
          });
        }
      },
      () => (lastTry ? { type: "submission", submissionId, benchmarkId, status: "failed" } : undefined),
    );
    throw error;
  }

  // The sandbox's output is complete only once it has exited: close first, then read the log.
  private async closeSessions(): Promise<void> {
    if (!this.session || this.closed) return;
    this.closed = true;
    for (const sandbox of [this.session, ...this.later]) {
      await sandbox
        .close()
        .catch((error: unknown) =>
          this.deps.log(`closing the sandbox of attempt ${this.started.attempt.id}: ${describe(error)}`),
        );
    }
  }

  private async finalLog(): Promise<string> {
    await this.closeSessions();
    const log = [
      this.session?.log() ?? "",
      ...this.later.map((s, i) => `\n[sandbox ${i + 2} of this unit]\n${s.log()}`),
    ].join("");
    return storableText(log, Number.POSITIVE_INFINITY);
  }

  /** Stops the heartbeat and the sandboxes and removes the unpacked bundle, however the attempt ended. */
  async cleanUp(): Promise<void> {
    this.unwatch?.();
    this.shutdown.removeEventListener("abort", this.onShutdown);
    await this.alive.stop();
    await this.closeSessions();
    await this.bundle
      ?.close()
      .catch((error: unknown) =>
        this.deps.log(`removing the unpacked bundle of attempt ${this.started.attempt.id}: ${describe(error)}`),
      );
  }
}

/** The innermost cause: drizzle's "Failed query" wraps the database's own error, and quotes every parameter (a whole log). */
function rootCause(error: unknown): unknown {
  let inner = error;
  while (inner instanceof Error && inner.cause !== undefined) inner = inner.cause;
  return inner;
}

/** An error's message, safe to store and log whatever it quotes. */
function describe(error: unknown): string {
  return storableText(error instanceof Error ? error.message : String(error));
}
