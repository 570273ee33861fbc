import { requireBenchmarkOrganizer } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { removeEntrantMember } from "@/lib/server/benchmark-teams";

/** Organizers take a member off a team that entered the benchmark; the teams as they now stand are returned. */
export const DELETE = route<{ slug: string; teamId: string; userId: string }>(async (req, params) => {
  await requireBenchmarkOrganizer(req, params.slug);
  return Response.json(await removeEntrantMember(params));
});
