import { findRequestUser } from "@/lib/http/auth";
import { readQuery } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { compareQuerySchema, loadComparison } from "@/lib/server/compare";

/**
 * `?ids=<id>,<id>[,...]&partition=public|private`: two to eight entries of one benchmark version compared, with the
 * pairwise probability of improvement and the plots as SVG strings. The private partition is 403 until the reveal.
 */
export const GET = route<{ slug: string }>(async (req, { slug }) => {
  const query = readQuery(req, compareQuerySchema);
  return Response.json(await loadComparison({ slug, viewer: await findRequestUser(req), ...query }));
});
