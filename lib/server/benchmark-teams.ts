import { listEntrantTeams, removeTeamMember } from "@/db/queries/teams";
import { AppError } from "@/lib/core/errors";
import { getDatabase } from "./context";
import { requireBenchmark } from "./require-benchmark";

/** The teams in a benchmark's challenge, with their members and entries (organizers). */
export async function loadEntrantTeams(slug: string) {
  const benchmark = await requireBenchmark(slug);
  return { teams: await listEntrantTeams(getDatabase().db, benchmark.id) };
}

/**
 * An organizer takes a member off a team that entered their benchmark (a team-size breach, a duplicate account).
 * Teams that never entered the benchmark are not this benchmark's organizers' business: 404, as if unknown.
 */
export async function removeEntrantMember(input: { slug: string; teamId: string; userId: string }) {
  const benchmark = await requireBenchmark(input.slug);
  const entrants = await listEntrantTeams(getDatabase().db, benchmark.id);
  const team = entrants.find((t) => t.id === input.teamId);
  if (!team)
    throw new AppError("team_not_found", `No team with id '${input.teamId}' has entered '${input.slug}'.`, 404);
  if (!(await removeTeamMember(getDatabase().db, { teamId: team.id, userId: input.userId }))) {
    throw new AppError("not_a_member", `That user is not a member of team '${team.name}'.`, 404);
  }
  return loadEntrantTeams(input.slug);
}
