import { requireBenchmarkOrganizer } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { loadEntrantTeams } from "@/lib/server/benchmark-teams";

/** Organizers list the teams that entered a benchmark, with members and entry counts. */
export const GET = route<{ slug: string }>(async (req, { slug }) => {
  await requireBenchmarkOrganizer(req, slug);
  return Response.json(await loadEntrantTeams(slug));
});
