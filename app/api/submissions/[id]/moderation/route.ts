import { requireSubmissionOrganizer } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { moderateEntry, moderationLog, rulingSchema } from "@/lib/server/moderation";

/** Organizers rule on an entry: `{state: "hidden" | "disqualified" | "visible", reason}`; every ruling is kept. */
export const POST = route<{ id: string }>(
  async (req, { id }) => {
    const organizer = await requireSubmissionOrganizer(req, id);
    const ruling = await readJson(req, rulingSchema);
    return Response.json(await moderateEntry({ submissionId: id, actorId: organizer.id, ruling }), { status: 201 });
  },
  { id: "submission" },
);

/** The entry's audit log, newest first (organizers only). */
export const GET = route<{ id: string }>(
  async (req, { id }) => {
    await requireSubmissionOrganizer(req, id);
    return Response.json({ actions: await moderationLog(id) }, { headers: { "cache-control": "no-store" } });
  },
  { id: "submission" },
);
