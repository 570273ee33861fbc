import { requireBenchmarkOrganizer } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { getBundleStore, getDatabase, getQueue } from "@/lib/server/context";
import { reevaluateAll } from "@/lib/submissions/reevaluate";
import { getReevaluationStatus } from "@/lib/submissions/reevaluation-status";

/** Organizers: where re-evaluating every entry on the latest version stands (left to do, skipped, progress by state). */
export const GET = route<{ slug: string }>(async (req, { slug }) => {
  await requireBenchmarkOrganizer(req, slug);
  return Response.json(
    await getReevaluationStatus({ db: getDatabase().db, store: getBundleStore(), benchmarkSlug: slug }),
  );
});

/** Organizers: re-evaluate every entry on the latest version. Idempotent; answers what was queued and what was skipped, and why. */
export const POST = route<{ slug: string }>(async (req, { slug }) => {
  const { user: actor } = await requireBenchmarkOrganizer(req, slug);
  return Response.json(
    await reevaluateAll({
      db: getDatabase().db,
      queue: await getQueue(),
      store: getBundleStore(),
      benchmarkSlug: slug,
      actor,
    }),
  );
});
