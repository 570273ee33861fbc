import { openBundle } from "@/evaluator/bundle";
import { trackFor } from "@/evaluator/tracks/runners";
import { EVALUATOR_VERSION } from "@/evaluator/version";
import {
  completeUnit, failAttemptForPlatform, failForPlatform, failForUserCode, setAttemptBackend, startAttempt,
} from "@/db/queries/evaluation";
import { closeCancelledAttempt } from "@/db/queries/cancellation";
import { benchmarkSpecSchema } from "@/lib/benchmark-spec";
import { PlatformError, UserCodeError } from "@/lib/core/errors";
import { writeAndPublish } from "@/lib/events";
import { evaluateUnitJob } from "@/lib/jobs";
import type { UnitJob } from "@/lib/queue";
import { storableText } from "@/lib/core/untrusted-text";
import { keepAlive } from "./heartbeat";
import { makeReadable } from "./readable";
import type { SandboxSession } from "../sandbox";
import type { WorkerDeps } from "./types";

/** Why a running evaluation was told to stop. */
export class StopEvaluation extends Error {
  constructor(readonly why: "superseded" | "shutdown") {
    super(why === "superseded" ? "The unit was finished, cancelled or handed to another worker." : "The worker is shutting down.");
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
  const { submissionId, unitId } = parsed.data;
  const started = await writeAndPublish(
    deps.db,
    // The spec is read inside the transaction: one the schema refuses opens no attempt.
    async (tx) => {
      const opened = await startAttempt(tx, { unitId, submissionId, jobId: job.id, host: deps.host, evaluatorVersion: EVALUATOR_VERSION });
      return opened.skip ? opened : { ...opened, spec: benchmarkSpecSchema.parse(opened.storedSpec) };
    },
    (s) => (s.skip ? undefined : { type: "submission", submissionId, benchmarkId: s.submission.benchmarkId, status: "running" }),
  );
  if (started.skip) {
    deps.log(`job ${job.id}: nothing to do for unit ${unitId} (${started.reason})`);
    return;
  }
  const { attempt, unit, submission, spec, secrets } = started;
  const benchmarkId = submission.benchmarkId;
  const track = trackFor(spec);
  const began = deps.clock.now();
  const stop = new AbortController();
  const onShutdown = () => stop.abort(new StopEvaluation("shutdown"));
  shutdown.addEventListener("abort", onShutdown, { once: true });
  if (shutdown.aborted) onShutdown();
  const alive = keepAlive({
    db: deps.db,
    attemptId: attempt.id,
    unitId: unit.id,
    everyMs: deps.heartbeatSeconds * 1000,
    onStop: () => stop.abort(new StopEvaluation("superseded")),
    progressEvent: { type: "progress", submissionId, benchmarkId },
    onError: (error) => deps.log(`heartbeat of attempt ${attempt.id}: ${describe(error)}`),
  });
  const unwatch = deps.notices?.watch(submissionId, () => alive.checkNow());

  let session: SandboxSession | undefined;
  // Sandboxes a track starts for later tasks of the unit (isolation: task); their logs follow the first one's.
  const later: SandboxSession[] = [];
  let bundle: Awaited<ReturnType<typeof openBundle>> | undefined;
  let closed = false;
  // The sandbox's output is complete only once it has exited: close first, then read the log.
  const closeSession = async () => {
    if (!session || closed) return;
    closed = true;
    for (const sandbox of [session, ...later]) {
      await sandbox.close().catch((error: unknown) => deps.log(`closing the sandbox of attempt ${attempt.id}: ${describe(error)}`));
    }
  };
  const finalLog = async () => {
    await closeSession();
    const log = [session?.log() ?? "", ...later.map((s, i) => `\n[sandbox ${i + 2} of this unit]\n${s.log()}`)].join("");
    return storableText(log, Number.POSITIVE_INFINITY);
  };
  /** Records how the attempt ended when it did not score; throws `error` itself when the queue should retry. */
  const settleFailure = async (error: unknown, wallMs: number) => {
    if (error instanceof StopEvaluation && error.why === "superseded") {
      // Cancelled: the attempt is closed with its log and no results; otherwise another attempt or a reaper owns it.
      const cancelled = await closeCancelledAttempt(deps.db, { attemptId: attempt.id, log: await finalLog(), wallMs });
      deps.log(`attempt ${attempt.id}: stopped, ${cancelled ? "its submission was cancelled." : error.message}`);
      return;
    }
    if (error instanceof UserCodeError) {
      const log = await finalLog();
      await writeAndPublish(
        deps.db,
        (tx) => failForUserCode(tx, { attemptId: attempt.id, unitId: unit.id, submissionId, reason: error.reason, message: error.message, log, wallMs }),
        () => ({ type: "submission", submissionId, benchmarkId, status: "failed" }),
      );
      return;
    }
    await settlePlatformFault(error, wallMs);
  };
  const settlePlatformFault = async (error: unknown, wallMs: number) => {
    const log = await finalLog();
    if (error instanceof StopEvaluation) {
      // A shutdown is nobody's fault: hand the unit back as a fresh job (same queue, priority and expiry), with all
      // its retries, in the transaction that closes the attempt.
      await writeAndPublish(
        deps.db,
        async (tx) => {
          await failAttemptForPlatform(tx, { attemptId: attempt.id, unitId: unit.id, error: describe(error), log, wallMs });
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
        await failAttemptForPlatform(tx, { attemptId: attempt.id, unitId: unit.id, error: describe(error), log, wallMs });
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
  };
  try {
    const stored = deps.store.path(submission.bundleSha256);
    bundle = await openBundle({ path: stored, limits: { maxArchiveBytes: deps.maxBundleBytes } }).catch((error: unknown) => {
      throw new PlatformError(`Stored bundle ${submission.bundleSha256} could not be opened: ${describe(error)}`, { cause: error });
    });
    if (bundle.sha256 !== submission.bundleSha256) {
      throw new PlatformError(`Stored bundle ${submission.bundleSha256} has changed on disk (now ${bundle.sha256}).`);
    }
    await makeReadable(bundle.dir);
    const bundleDir = bundle.dir;
    const launch = () =>
      deps.launchSandbox({ bundleDir, limits: spec.limits, backend: deps.backend, tfjsNodePath: deps.native?.path, user: deps.sandboxUser, signal: stop.signal });
    session = await launch();
    const gpu = session.hello.backend === "tensorflow" ? (deps.native?.gpu ?? null) : null;
    await setAttemptBackend(deps.db, attempt.id, session.hello.backend, gpu);
    const rows = await track.runUnit({
      spec,
      secrets,
      unit: { key: unit.key, partition: unit.partition },
      manifest: submission.manifest,
      session,
      startSession: async () => {
        const sandbox = await launch();
        later.push(sandbox);
        return sandbox;
      },
      onProgress: (progress) => alive.progress(progress),
      signal: stop.signal,
      datasetsDir: deps.datasetsDir,
    });
    if (stop.signal.aborted) throw stop.signal.reason;
    // A heartbeat locks the attempt then the unit, recording the results the unit then the attempt: never both at once.
    await alive.stop();
    const log = await finalLog();
    await writeAndPublish(
      deps.db,
      (tx) => completeUnit(tx, { attemptId: attempt.id, unitId: unit.id, rows, log, wallMs: deps.clock.now() - began, aggregate: (r) => track.aggregate(spec, r) }),
      (outcome) =>
        outcome.scored
          ? { type: "submission", submissionId, benchmarkId, status: "scored" }
          : outcome.recorded ? { type: "progress", submissionId, benchmarkId } : undefined,
    );
  } catch (caught) {
    const error = stop.signal.aborted ? stop.signal.reason : caught;
    const wallMs = deps.clock.now() - began;
    try {
      await settleFailure(error, wallMs);
    } catch (recording) {
      if (recording === error) throw error;
      // Recording the outcome failed (the database refused or lost it): whatever the code did, the unit now fails
      // as the platform's fault, so it is retried and never charged; a failure while recording that is logged too.
      const why = describe(rootCause(recording));
      deps.log(`attempt ${attempt.id}: recording its outcome (${describe(error)}) failed: ${why}`);
      const fault = new PlatformError(`The outcome of the evaluation could not be recorded: ${why}`);
      await settlePlatformFault(fault, wallMs).catch((again: unknown) => {
        if (again !== fault) deps.log(`attempt ${attempt.id}: recording the platform fault failed too: ${describe(again)}`);
      });
      throw fault;
    }
  } finally {
    unwatch?.();
    shutdown.removeEventListener("abort", onShutdown);
    await alive.stop();
    await closeSession();
    await bundle?.close().catch((error: unknown) => deps.log(`removing the unpacked bundle of attempt ${attempt.id}: ${describe(error)}`));
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
