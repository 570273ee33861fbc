import type { Db } from "@/db/client";
import { countReevaluationProgress, type ReevaluationProgress } from "@/db/queries/reevaluations";
import type { BundleStore } from "../storage";
import { planReevaluation, type ReevaluationSkip } from "./reevaluate";

export type ReevaluationStatus = {
  benchmark: string;
  /** The latest version, which re-evaluations run on. */
  version: number;
  hasOlderVersions: boolean;
  /** Entries a re-evaluation would queue now. */
  pending: number;
  skipped: ReevaluationSkip[];
  /** Re-evaluations on the latest version, by state. */
  progress: ReevaluationProgress;
};

/** Where re-evaluating every entry of a benchmark on its latest version stands: what is left to do and how far it got. */
export async function getReevaluationStatus(input: {
  db: Db;
  benchmarkSlug: string;
  store: BundleStore;
}): Promise<ReevaluationStatus> {
  const plan = await planReevaluation(input);
  return {
    benchmark: plan.slug,
    version: plan.latest.version,
    hasOlderVersions: plan.hasOlderVersions,
    pending: plan.pending.length,
    skipped: plan.skipped,
    progress: await countReevaluationProgress(input.db, plan.latest.id),
  };
}
