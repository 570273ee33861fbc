import { z } from "zod";
import { requireSubmissionOrganizer } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { markBaseline } from "@/lib/server/moderation";

const bodySchema = z.object({ isBaseline: z.boolean() }).strict();

/** Organizers mark a reference entry as a baseline (its own entrant on the board, shown with a badge), or unmark it. */
export const PUT = route<{ id: string }>(
  async (req, { id }) => {
    await requireSubmissionOrganizer(req, id);
    const { isBaseline } = await readJson(req, bodySchema);
    return Response.json(await markBaseline({ submissionId: id, isBaseline }));
  },
  { id: "submission" },
);
