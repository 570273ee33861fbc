import { checkBundle } from "@/evaluator/bundle";
import type { Db } from "@/db/client";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { canSeeBenchmark } from "@/lib/benchmark-access";
import { isTeamMember, lockBundle, lockPhase } from "@/db/queries/submissions";
import type { Role } from "@/db/queries/users";
import { AppError } from "../core/errors";
import { BASELINE_TAG } from "@/evaluator/protocol/manifest";
import type { Queue } from "../queue";
import type { BundleStore } from "../storage";
import { assertPhaseOpen, assertQuotaAllows } from "./phase-rules";
import { modelMismatch } from "./model-fit";
import { bundleMismatch, JOB_PRIORITY, queueEvaluation } from "./queue-evaluation";
import { removeBundleIfUnreferenced } from "./remove-bundle";

export type AcceptInput = {
  db: Db;
  queue: Queue;
  user: { id: string; role: Role };
  benchmarkSlug: string;
  /** Shown on leaderboards; defaults to the manifest's name. */
  name?: string;
  /** Submit for a team the user belongs to; quotas are then the team's. */
  teamId?: string | null;
  upload: { path: string; bytes: number };
  /** Reference entries added by the platform: no quota, shown with a badge. */
  isBaseline?: boolean;
  store: BundleStore;
  /** The archive cap the bundle is checked under (the site's HELDOUT_MAX_BUNDLE_BYTES); default the bundle checker's. */
  maxBundleBytes?: number;
  /** Where the site's dataset stores are, to check an ONNX embedding's input against the images (the sandbox checks it again). */
  datasetsDir?: string;
  /** A baseline queued behind every other job (JOB_PRIORITY.backgroundBaseline); only with `isBaseline`. */
  background?: boolean;
};

const NAME_MAX = 100;

/**
 * Accepts an uploaded bundle for a benchmark: validates it, checks the phase and quotas under a lock on the phase,
 * and creates the submission, its evaluation units and their queue jobs in one transaction, then keeps the bundle.
 * Every refusal is an AppError with a specific code and leaves nothing behind: no row, no job, no file, no quota.
 */
export async function acceptSubmission(input: AcceptInput): Promise<{ submissionId: string }> {
  const { db, queue, user } = input;
  const { store } = input;
  const bundle = await checkBundle({ path: input.upload.path, limits: { maxArchiveBytes: input.maxBundleBytes } });
  const isBaseline = input.isBaseline ?? false;
  // 'baseline' is reserved for reference entries: a competitor's entry (often a copy of a sample baseline bundle)
  // keeps its other tags but never shows up as a baseline.
  const manifest = isBaseline
    ? bundle.manifest
    : {
        ...bundle.manifest,
        method: { ...bundle.manifest.method, tags: bundle.manifest.method.tags.filter((t) => t !== BASELINE_TAG) },
      };

  const found = await findBenchmarkBySlug(db, input.benchmarkSlug);
  if (!found || !(await canSeeBenchmark(db, found.benchmark.id, user))) {
    throw new AppError("benchmark_not_found", `No benchmark named '${input.benchmarkSlug}'.`, 404);
  }
  const { benchmark, version, phase } = found;
  const spec = version.spec;
  const mismatch =
    bundleMismatch({ slug: benchmark.slug, spec, manifest, modelInputShape: bundle.modelInputShape }) ??
    (input.datasetsDir !== undefined
      ? modelMismatch({ spec, manifest, onnx: bundle.onnx, datasetsDir: input.datasetsDir })
      : undefined);
  if (mismatch) throw mismatch;
  if (!phase) throw new AppError("phase_missing", `'${benchmark.slug}' has no submission phase yet.`, 403);
  const teamId = input.teamId ?? null;
  if (teamId && !(await isTeamMember(db, teamId, user.id))) {
    throw new AppError("not_team_member", "You can only submit for a team you belong to.", 403);
  }
  const name = (input.name ?? manifest.name).trim();
  if (name.length === 0 || name.length > NAME_MAX) {
    throw new AppError("invalid_name", `A submission name has 1 to ${NAME_MAX} characters.`);
  }

  let stored = false;
  try {
    const submissionId = await db.transaction(async (tx) => {
      const locked = await lockPhase(tx, phase.id);
      if (!locked) throw new AppError("phase_missing", `'${benchmark.slug}' has no submission phase yet.`, 403);
      const now = new Date();
      assertPhaseOpen(locked, benchmark.slug, now);
      if (!isBaseline) await assertQuotaAllows(tx, { phase: locked, userId: user.id, teamId, now });
      const submission = await queueEvaluation(tx, {
        queue,
        spec,
        priority: jobPriority(isBaseline, input.background ?? false),
        submission: {
          benchmarkId: benchmark.id,
          benchmarkVersionId: version.id,
          phaseId: locked.id,
          userId: user.id,
          teamId,
          name,
          manifest,
          bundleSha256: bundle.sha256,
          bundleBytes: bundle.bytes,
          isBaseline,
        },
      });
      // Last step before commit, under the bundle's lock, so a cleaner of the same bundle cannot race this write.
      await lockBundle(tx, bundle.sha256);
      await store.put(input.upload.path, bundle.sha256);
      stored = true;
      return submission.id;
    });
    return { submissionId };
  } catch (error) {
    if (stored) await removeBundleIfUnreferenced({ db, store, sha256: bundle.sha256 });
    throw error;
  }
}

function jobPriority(isBaseline: boolean, background: boolean): number {
  if (!isBaseline) return JOB_PRIORITY.competitor;
  return background ? JOB_PRIORITY.backgroundBaseline : JOB_PRIORITY.baseline;
}
