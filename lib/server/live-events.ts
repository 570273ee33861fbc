import type { Viewer } from "@/lib/benchmark-access";
import type { LiveEvent } from "@/lib/jobs";
import { requireBenchmarkView } from "./benchmark-view";
import { liveEventStream } from "./event-stream";
import { leaderboardEventFilter } from "./leaderboard";
import { findSubmissionView } from "./submission-view";

/**
 * The live events of one benchmark's leaderboard or of one submission's page, as a server-sent event stream.
 * Either must be visible to the viewer (404 otherwise), so a stream never tells of a hidden benchmark or entry.
 */
export async function openLiveEvents(input: {
  benchmark?: string;
  submission?: string;
  viewer: Viewer;
  signal: AbortSignal;
}) {
  let accept: (event: LiveEvent) => boolean;
  if (input.benchmark) {
    const benchmark = await requireBenchmarkView({ slug: input.benchmark, viewer: input.viewer });
    // A leaderboard changes when a submission changes state; progress ticks are for submission pages.
    accept = await leaderboardEventFilter(benchmark);
  } else {
    const submission = await findSubmissionView({ id: input.submission!, viewer: input.viewer });
    accept = (e) => e.submissionId === submission.id;
  }
  return liveEventStream({ accept, signal: input.signal });
}
