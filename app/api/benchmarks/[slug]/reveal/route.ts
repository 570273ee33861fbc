import { findRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { loadRevealAnalysis } from "@/lib/server/reveal";

/** Public vs private score per entrant with submission counts and rank changes; 403 until the private reveal. */
export const GET = route<{ slug: string }>(async (req, { slug }) => {
  return Response.json(await loadRevealAnalysis({ slug, viewer: await findRequestUser(req) }));
});
