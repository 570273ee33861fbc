import { requireBenchmarkOrganizer } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { changeInviteList, inviteListChangeSchema, loadInviteList } from "@/lib/server/benchmark-invites";

/** Organizers read a benchmark's visibility and invite list. */
export const GET = route<{ slug: string }>(async (req, { slug }) => {
  await requireBenchmarkOrganizer(req, slug);
  return Response.json(await loadInviteList(slug));
});

/** Organizers add and remove invited emails (`{add: [...], remove: [...]}`) and switch `visibility` (public | invite). */
export const PATCH = route<{ slug: string }>(async (req, { slug }) => {
  const { user: organizer } = await requireBenchmarkOrganizer(req, slug);
  const change = await readJson(req, inviteListChangeSchema);
  return Response.json(await changeInviteList({ slug, change, organizerId: organizer.id }));
});
