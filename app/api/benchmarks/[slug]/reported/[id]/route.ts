import { requireBenchmarkOrganizer } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { deleteReportedResultOf } from "@/lib/server/reported-results";

/** Its organizers and admins delete a published result (a shipped one stays deleted when seeding runs again). */
export const DELETE = route<{ slug: string; id: string }>(
  async (req, { slug, id }) => {
    const { user, benchmark } = await requireBenchmarkOrganizer(req, slug);
    await deleteReportedResultOf({ actor: user, benchmark, id });
    return new Response(null, { status: 204 });
  },
  { id: "reported_result" },
);
