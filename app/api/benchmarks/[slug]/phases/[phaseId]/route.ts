import { requireBenchmarkOrganizer } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { editPhase, phasePatchSchema } from "@/lib/server/phases";

/** Organizers edit a phase: open/close window, quotas, private reveal time. */
export const PATCH = route<{ slug: string; phaseId: string }>(async (req, { slug, phaseId }) => {
  await requireBenchmarkOrganizer(req, slug);
  const patch = await readJson(req, phasePatchSchema);
  return Response.json({ phase: await editPhase({ benchmarkSlug: slug, phaseId, patch }) });
});
