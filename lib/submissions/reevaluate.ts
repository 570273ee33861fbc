import type { Db } from "@/db/client";
import { isStaff } from "@/lib/benchmark-access";
import { canOrganizeBenchmark } from "@/lib/auth/benchmark-rights";
import { type BenchmarkVersion } from "@/db/queries/benchmarks";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { listReevaluationSources, lockForReevaluation, type ReevaluationSource } from "@/db/queries/reevaluations";
import type { Role } from "@/db/queries/users";
import { AppError } from "../core/errors";
import type { Queue } from "../queue";
import type { BundleStore } from "../storage";
import { bundleMismatch, JOB_PRIORITY, queueEvaluation } from "./queue-evaluation";

/**
 * Re-evaluating every entry on a benchmark's latest version. An entry is an original submission (not itself a
 * re-evaluation) scored on an older version, baselines included, private entries included (their copy stays
 * private). Each gets at most one re-evaluation per version: same bundle, owner, team, name, method card, phase and
 * submission time, `reevaluationOf` pointing at it, no quota and no phase rule (the phase may have closed: this is
 * the organizers' doing), its jobs queued behind competitors' and baselines'.
 * Not re-evaluated, each with its reason: entries an organizer hid or disqualified (a ruling stands on every
 * version), bundles of a kind or track the latest version does not accept, and bundles no longer in the store.
 * Submissions that never scored are not entries and are not listed.
 */

type Entry = { submissionId: string; name: string; fromVersion: number };
export type ReevaluationSkip = Entry & {
  code: "moderated" | "kind_not_allowed" | "track_mismatch" | "bundle_missing";
  reason: string;
};

export type ReevaluationPlan = {
  benchmarkId: string;
  slug: string;
  latest: BenchmarkVersion;
  /** Whether the benchmark has a version before the latest at all. */
  hasOlderVersions: boolean;
  pending: ReevaluationSource[];
  skipped: ReevaluationSkip[];
  /** Entries that already have a re-evaluation on the latest version. */
  alreadyReevaluated: number;
};

export type ReevaluationResult = {
  benchmark: string;
  version: number;
  created: (Entry & { reevaluationId: string })[];
  skipped: ReevaluationSkip[];
  alreadyReevaluated: number;
};

/** What re-evaluating every entry of `benchmarkSlug` on its latest version would do now. Unknown benchmark → 404. */
export async function planReevaluation(input: {
  db: Db;
  benchmarkSlug: string;
  store: BundleStore;
}): Promise<ReevaluationPlan> {
  const { db } = input;
  const { store } = input;
  const found = await findBenchmarkBySlug(db, input.benchmarkSlug);
  if (!found) throw new AppError("benchmark_not_found", `No benchmark named '${input.benchmarkSlug}'.`, 404);
  const { benchmark, version: latest } = found;
  const sources = await listReevaluationSources(db, { benchmarkId: benchmark.id, versionId: latest.id });
  const plan: ReevaluationPlan = {
    benchmarkId: benchmark.id,
    slug: benchmark.slug,
    latest,
    hasOlderVersions: latest.version > 1,
    pending: [],
    skipped: [],
    alreadyReevaluated: 0,
  };
  for (const source of sources) {
    if (source.reevaluated) {
      plan.alreadyReevaluated += 1;
      continue;
    }
    const skip = skipReason(source, { slug: benchmark.slug, latest, store });
    if (skip) plan.skipped.push({ ...describe(source), ...skip });
    else plan.pending.push(source);
  }
  return plan;
}

/**
 * Creates the missing re-evaluations on the latest version of `benchmarkSlug`, one transaction per entry (the entry
 * locked, its submission, units and low-priority jobs created together). Running it again creates nothing new.
 * Organizers and admins only (403 otherwise); a benchmark with a single version → 409.
 */
export async function reevaluateAll(input: {
  db: Db;
  queue: Queue;
  benchmarkSlug: string;
  actor: { id: string; role: Role };
  store: BundleStore;
}): Promise<ReevaluationResult> {
  const { db, queue } = input;
  const plan = await planReevaluation(input);
  // The route checks rights on this benchmark (lib/http/auth.ts); here, at least staff or one of its co-organizers.
  if (!isStaff(input.actor) && !(await canOrganizeBenchmark(db, input.actor, plan.benchmarkId))) {
    throw new AppError("forbidden", "Only organizers and admins can re-evaluate entries.", 403);
  }
  if (!plan.hasOlderVersions) {
    throw new AppError(
      "single_version",
      `'${plan.slug}' has only version 1: there is no older version to re-evaluate entries from.`,
      409,
    );
  }
  const { latest } = plan;
  const result: ReevaluationResult = {
    benchmark: plan.slug,
    version: latest.version,
    created: [],
    skipped: plan.skipped,
    alreadyReevaluated: plan.alreadyReevaluated,
  };
  for (const source of plan.pending) {
    const original = source.submission;
    const reevaluationId = await db.transaction(async (tx) => {
      // Another organizer may have re-evaluated this entry since the plan was read.
      if ((await lockForReevaluation(tx, { originalId: original.id, versionId: latest.id })).reevaluated)
        return undefined;
      const created = await queueEvaluation(tx, {
        queue,
        spec: latest.spec,
        priority: JOB_PRIORITY.reevaluation,
        submission: {
          benchmarkId: original.benchmarkId,
          benchmarkVersionId: latest.id,
          phaseId: original.phaseId,
          userId: original.userId,
          teamId: original.teamId,
          name: original.name,
          manifest: original.manifest,
          bundleSha256: original.bundleSha256,
          bundleBytes: original.bundleBytes,
          isBaseline: original.isBaseline,
          visibility: original.visibility,
          reevaluationOf: original.id,
          // The entry's submission time: ties, freezes and quota windows go by when the bundle was submitted.
          createdAt: original.createdAt,
        },
      });
      return created.id;
    });
    if (reevaluationId) result.created.push({ ...describe(source), reevaluationId });
    else result.alreadyReevaluated += 1;
  }
  return result;
}

function describe(source: ReevaluationSource): Entry {
  return { submissionId: source.submission.id, name: source.submission.name, fromVersion: source.version };
}

function skipReason(
  source: ReevaluationSource,
  context: { slug: string; latest: BenchmarkVersion; store: BundleStore },
): Pick<ReevaluationSkip, "code" | "reason"> | undefined {
  const original = source.submission;
  if (source.moderation !== "visible") {
    const ruling = source.moderation === "hidden" ? "Hidden" : "Disqualified";
    return { code: "moderated", reason: `${ruling} by an organizer; the ruling stands on every version.` };
  }
  const mismatch = bundleMismatch({ slug: context.slug, spec: context.latest.spec, manifest: original.manifest });
  if (mismatch) {
    return {
      code: mismatch.code as "kind_not_allowed" | "track_mismatch",
      reason: `v${context.latest.version}: ${mismatch.message}`,
    };
  }
  if (!context.store.has(original.bundleSha256)) {
    return {
      code: "bundle_missing",
      reason: `Its bundle (sha256 ${original.bundleSha256.slice(0, 12)}…) is no longer in the bundle store.`,
    };
  }
  return undefined;
}
