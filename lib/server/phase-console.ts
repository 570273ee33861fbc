import { listPhases, type Viewer } from "@/db/queries/views";
import { getReevaluationStatus } from "@/lib/submissions/reevaluation-status";
import { loadInviteList } from "./benchmark-invites";
import { loadEntrantTeams } from "./benchmark-teams";
import { requireBenchmarkView } from "./benchmark-view";
import { getDatabase } from "./context";

/** What an organizer's console for one benchmark shows: its phases, who may see it, its teams and its re-evaluation. */
export async function loadPhaseConsole(input: { slug: string; viewer: Viewer }) {
  const { db } = getDatabase();
  const benchmark = await requireBenchmarkView(input);
  const [phases, reevaluation, access, entrants] = await Promise.all([
    listPhases(db, benchmark.id),
    getReevaluationStatus({ db, benchmarkSlug: benchmark.slug }),
    loadInviteList(benchmark.slug),
    loadEntrantTeams(benchmark.slug),
  ]);
  return { benchmark, phases, reevaluation, access, entrants };
}
