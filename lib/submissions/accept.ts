import { checkBundle } from "@/evaluator/bundle";
import { trackFor } from "@/evaluator/tracks";
import type { Db } from "@/db/client";
import { findBenchmarkBySlug, type Benchmark } from "@/db/queries/benchmarks";
import {
  countQuotaUse, insertSubmission, insertUnits, isTeamMember, lockBundle, lockPhase,
} from "@/db/queries/submissions";
import type { Role } from "@/db/queries/users";
import { AppError } from "../errors";
import { publishEvent } from "../events";
import type { Queue } from "../queue";
import { openBundleStore, type BundleStore } from "../storage";
import { formatUtc, formatUtcTime } from "./format-time";
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
  store?: BundleStore;
};

const DAY_MS = 24 * 3600 * 1000;
/** Slack on top of the sandbox's own wall-clock limit before the queue gives up on a job it handed out. */
const JOB_EXPIRY_MARGIN_SECONDS = 300;
const NAME_MAX = 100;

/**
 * Accepts an uploaded bundle for a benchmark: validates it, checks the phase and quotas under a lock on the phase,
 * and creates the submission, its evaluation units and their queue jobs in one transaction, then keeps the bundle.
 * Every refusal is an AppError with a specific code and leaves nothing behind: no row, no job, no file, no quota.
 */
export async function acceptSubmission(input: AcceptInput): Promise<{ submissionId: string }> {
  const { db, queue, user } = input;
  const store = input.store ?? openBundleStore();
  const bundle = await checkBundle({ path: input.upload.path });
  const manifest = bundle.manifest;

  const found = await findBenchmarkBySlug(db, input.benchmarkSlug);
  if (!found || !canSubmitTo(found.benchmark, user)) {
    throw new AppError("benchmark_not_found", `No benchmark named '${input.benchmarkSlug}'.`, 404);
  }
  const { benchmark, version, phase } = found;
  const spec = version.spec;
  if (manifest.track !== spec.track) {
    throw new AppError("track_mismatch", `This bundle is for the '${manifest.track}' track; '${benchmark.slug}' is a '${spec.track}' benchmark.`);
  }
  if (!(spec.kinds as string[]).includes(manifest.kind)) {
    throw new AppError(
      "kind_not_allowed",
      `'${benchmark.slug}' accepts ${spec.kinds.map((k) => `'${k}'`).join(" or ")} bundles; this one is '${manifest.kind}'.`,
    );
  }
  if (!phase) throw new AppError("phase_missing", `'${benchmark.slug}' has no submission phase yet.`, 403);
  const teamId = input.teamId ?? null;
  if (teamId && !(await isTeamMember(db, teamId, user.id))) {
    throw new AppError("not_team_member", "You can only submit for a team you belong to.", 403);
  }
  const name = (input.name ?? manifest.name).trim();
  if (name.length === 0 || name.length > NAME_MAX) {
    throw new AppError("invalid_name", `A submission name has 1 to ${NAME_MAX} characters.`);
  }
  const plans = trackFor(spec).planUnits(spec);
  const isBaseline = input.isBaseline ?? false;

  let stored = false;
  try {
    const submissionId = await db.transaction(async (tx) => {
      const locked = await lockPhase(tx, phase.id);
      if (!locked) throw new AppError("phase_missing", `'${benchmark.slug}' has no submission phase yet.`, 403);
      const now = new Date();
      if (locked.opensAt > now) {
        throw new AppError("phase_not_open", `Submissions to '${benchmark.slug}' open at ${formatUtc(locked.opensAt)}.`, 403);
      }
      if (locked.closesAt && locked.closesAt <= now) {
        throw new AppError("phase_closed", `The '${locked.name}' phase of '${benchmark.slug}' closed at ${formatUtc(locked.closesAt)}.`, 403);
      }
      if (!isBaseline) {
        const use = await countQuotaUse(tx, { phaseId: locked.id, teamId, userId: user.id, since: new Date(now.getTime() - DAY_MS) });
        const who = teamId ? "your team's" : "your";
        if (locked.quotaTotal !== null && use.total >= locked.quotaTotal) {
          throw new AppError(
            "quota_total",
            `Total quota reached: ${use.total} of ${locked.quotaTotal} submissions in the '${locked.name}' phase (${who} count).`,
            429,
          );
        }
        if (locked.quotaPerDay !== null && use.inWindow >= locked.quotaPerDay) {
          const next = use.oldestInWindow ? ` next slot at ${formatUtcTime(new Date(use.oldestInWindow.getTime() + DAY_MS))}` : "";
          throw new AppError(
            "quota_daily",
            `Daily quota reached: ${use.inWindow} of ${locked.quotaPerDay} submissions in the last 24 hours;${next}.`,
            429,
          );
        }
      }
      const submission = await insertSubmission(tx, {
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
      });
      const units = await insertUnits(tx, submission.id, plans);
      for (const unit of units) {
        await queue.enqueueUnit(
          tx,
          { v: 1, submissionId: submission.id, unitId: unit.id },
          // Competitors' work goes ahead of the platform's own baselines.
          { priority: isBaseline ? 0 : 10, expireInSeconds: spec.limits.wallSeconds + JOB_EXPIRY_MARGIN_SECONDS },
        );
      }
      await publishEvent(tx, { type: "submission", submissionId: submission.id, benchmarkId: benchmark.id, status: "queued" });
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

/** Invite-only benchmarks take submissions from their creator and from organizers and admins. */
function canSubmitTo(benchmark: Benchmark, user: { id: string; role: Role }): boolean {
  return benchmark.visibility === "public" || user.role !== "participant" || benchmark.createdBy === user.id;
}
