import { findRequestUser } from "@/lib/http/auth";
import { route } from "@/lib/http/route";
import { listVisibleBenchmarks } from "@/lib/server/benchmark-view";

/** Benchmarks the caller can see, with their current phase and submission counts. */
export const GET = route(async (req) => {
  const viewer = await findRequestUser(req);
  const benchmarks = await listVisibleBenchmarks(viewer);
  return Response.json({
    benchmarks: benchmarks.map((b) => ({
      slug: b.slug,
      title: b.title,
      track: b.track,
      summary: b.summary,
      synthetic: b.synthetic,
      submissions: b.submissions,
      scored: b.scored,
      phase: b.phase && {
        name: b.phase.name,
        isOpen: b.phase.isOpen,
        opensAt: b.phase.opensAt,
        closesAt: b.phase.closesAt,
        revealAt: b.phase.revealAt,
        privateRevealed: b.phase.privateRevealed,
      },
    })),
  });
});
