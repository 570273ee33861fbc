import { findRequestUser, requireBenchmarkOrganizer } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { reportedResultSchema } from "@/lib/reported-results/schema";
import { addReportedResultTo, loadReportedResults } from "@/lib/server/reported-results";

/** A visible benchmark's published results, reported by papers and not evaluated here (never ranked). */
export const GET = route<{ slug: string }>(async (req, { slug }) => {
  return Response.json({ reported: await loadReportedResults({ slug, viewer: await findRequestUser(req) }) });
});

/** Its organizers (owner, co-organizers) and admins add a published result; the body is read only after that check. */
export const POST = route<{ slug: string }>(async (req, { slug }) => {
  const { user, benchmark } = await requireBenchmarkOrganizer(req, slug);
  const result = await readJson(req, reportedResultSchema);
  return Response.json(await addReportedResultTo({ actor: user, benchmark, result }), { status: 201 });
});
