import { z } from "zod";
import { findRequestUser } from "@/lib/http/auth";
import { readQuery } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { loadStanding, standingBadgeSvg } from "@/lib/server/badge";

const querySchema = z.object({
  entrant: z.string().min(1, "Give ?entrant=<team id or user id>."),
  format: z.enum(["svg", "json"]).default("svg"),
});

/** An embeddable badge of a team's (or solo user's) public standing; short-lived cache so READMEs stay current. */
export const GET = route<{ slug: string }>(async (req, { slug }) => {
  const { entrant, format } = readQuery(req, querySchema);
  const standing = await loadStanding({ slug, entrant, viewer: await findRequestUser(req) });
  const cache = { "cache-control": "public, max-age=300" };
  if (format === "json") return Response.json(standing, { headers: cache });
  return new Response(standingBadgeSvg(standing), {
    headers: { "content-type": "image/svg+xml; charset=utf-8", ...cache },
  });
});
