import type PgBoss from "pg-boss";
import { openBundle } from "@/evaluator/bundle";
import { trackFor } from "@/evaluator/tracks";
import { EVALUATOR_VERSION } from "@/evaluator/version";
import {
  completeUnit, failAttemptForPlatform, failForPlatform, failForUserCode, setAttemptBackend, startAttempt,
} from "@/db/queries/evaluation";
import { closeCancelledAttempt } from "@/db/queries/cancellation";
import { PlatformError, UserCodeError } from "@/lib/errors";
import { publishEvent } from "@/lib/events";
import { evaluateUnitJob } from "@/lib/jobs";
import { UNIT_RETRY_LIMIT } from "@/lib/queue";
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
export async function evaluateUnit(deps: WorkerDeps, job: PgBoss.JobWithMetadata<unknown>, shutdown: AbortSignal): Promise<void> {
  const parsed = evaluateUnitJob.payload.safeParse(job.data);
  if (!parsed.success) {
    // A retry cannot fix a malformed payload: report it and settle the job.
    deps.log(`job ${job.id}: malformed ${evaluateUnitJob.name} payload: ${parsed.error.message}`);
    return;
  }
  const { submissionId, unitId } = parsed.data;
  const started = await startAttempt(deps.db, { unitId, submissionId, jobId: job.id, host: deps.host, evaluatorVersion: EVALUATOR_VERSION });
  if (started.skip) {
    deps.log(`job ${job.id}: nothing to do for unit ${unitId} (${started.reason})`);
    return;
  }
  const { attempt, unit, submission, spec, secrets } = started;
  const benchmarkId = submission.benchmarkId;
  const track = trackFor(spec);
  const began = Date.now();
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
    onProgress: () => publishEvent(deps.db, { type: "progress", submissionId, benchmarkId }),
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
    return [session?.log() ?? "", ...later.map((s, i) => `\n[sandbox ${i + 2} of this unit]\n${s.log()}`)].join("");
  };
  try {
    await publishEvent(deps.db, { type: "submission", submissionId, benchmarkId, status: "running" });
    const stored = deps.store.path(submission.bundleSha256);
    bundle = await openBundle({ path: stored }).catch((error: unknown) => {
      throw new PlatformError(`Stored bundle ${submission.bundleSha256} could not be opened: ${describe(error)}`, { cause: error });
    });
    if (bundle.sha256 !== submission.bundleSha256) {
      throw new PlatformError(`Stored bundle ${submission.bundleSha256} has changed on disk (now ${bundle.sha256}).`);
    }
    await makeReadable(bundle.dir);
    const bundleDir = bundle.dir;
    const launch = () => deps.launchSandbox({ bundleDir, limits: spec.limits, backend: deps.backend, tfjsNodePath: deps.native?.path, signal: stop.signal });
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
    });
    if (stop.signal.aborted) throw stop.signal.reason;
    const outcome = await completeUnit(deps.db, {
      attemptId: attempt.id,
      unitId: unit.id,
      rows,
      log: await finalLog(),
      wallMs: Date.now() - began,
      aggregate: (s, r) => trackFor(s).aggregate(s, r),
    });
    if (outcome.scored) await publishEvent(deps.db, { type: "submission", submissionId, benchmarkId, status: "scored" });
    else if (outcome.recorded) await publishEvent(deps.db, { type: "progress", submissionId, benchmarkId });
  } catch (caught) {
    const error = stop.signal.aborted ? stop.signal.reason : caught;
    const wallMs = Date.now() - began;
    if (error instanceof StopEvaluation && error.why === "superseded") {
      // Cancelled: the attempt is closed with its log and no results; otherwise another attempt or a reaper owns it.
      const cancelled = await closeCancelledAttempt(deps.db, { attemptId: attempt.id, log: await finalLog(), wallMs });
      deps.log(`attempt ${attempt.id}: stopped, ${cancelled ? "its submission was cancelled." : error.message}`);
      return;
    }
    if (error instanceof UserCodeError) {
      await failForUserCode(deps.db, {
        attemptId: attempt.id, unitId: unit.id, submissionId, reason: error.reason, message: error.message, log: await finalLog(), wallMs,
      });
      await publishEvent(deps.db, { type: "submission", submissionId, benchmarkId, status: "failed" });
      return;
    }
    await failAttemptForPlatform(deps.db, { attemptId: attempt.id, unitId: unit.id, error: describe(error), log: await finalLog(), wallMs });
    if (error instanceof StopEvaluation) {
      // A shutdown is nobody's fault: hand the unit back as a fresh job, with all its retries.
      await deps.queue.boss.send(evaluateUnitJob.name, parsed.data, {
        priority: job.priority,
        expireInSeconds: job.expireInSeconds,
        retryLimit: UNIT_RETRY_LIMIT,
      });
      await publishEvent(deps.db, { type: "submission", submissionId, benchmarkId, status: "retrying" });
      return;
    }
    if (job.retryCount >= job.retryLimit) {
      await failForPlatform(deps.db, {
        unitId: unit.id,
        submissionId,
        message: `The evaluation could not be completed because of a platform fault (${job.retryCount + 1} attempts); it does not count against your quota.`,
      });
      await publishEvent(deps.db, { type: "submission", submissionId, benchmarkId, status: "failed" });
    }
    throw error;
  } finally {
    unwatch?.();
    shutdown.removeEventListener("abort", onShutdown);
    await alive.stop();
    await closeSession();
    await bundle?.close().catch((error: unknown) => deps.log(`removing the unpacked bundle of attempt ${attempt.id}: ${describe(error)}`));
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
