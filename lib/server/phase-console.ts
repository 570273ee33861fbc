import { listPhases } from "@/db/queries/views";
import type { Viewer } from "@/lib/benchmark-access";
import { canOrganizeBenchmark } from "@/lib/auth/benchmark-rights";
import { getReevaluationStatus } from "@/lib/submissions/reevaluation-status";
import { loadInviteList } from "./benchmark-invites";
import { loadEntrantTeams } from "./benchmark-teams";
import { requireBenchmarkView } from "./benchmark-view";
import { getBundleStore, getDatabase } from "./context";

/**
 * What an organizer's console for one benchmark shows: its phases, who may see it, its teams and its re-evaluation.
 * Only its owner, its co-organizers and admins get it (`allowed: false` for anyone else who may see the benchmark).
 */
export async function loadPhaseConsole(input: { slug: string; viewer: Viewer }) {
  const { db } = getDatabase();
  const benchmark = await requireBenchmarkView(input);
  if (!input.viewer || !(await canOrganizeBenchmark(db, input.viewer, benchmark.id)))
    return { allowed: false as const };
  const [phases, reevaluation, access, entrants] = await Promise.all([
    listPhases(db, benchmark.id),
    getReevaluationStatus({ db, store: getBundleStore(), benchmarkSlug: benchmark.slug }),
    loadInviteList(benchmark.slug),
    loadEntrantTeams(benchmark.slug),
  ]);
  return { allowed: true as const, benchmark, phases, reevaluation, access, entrants };
}
