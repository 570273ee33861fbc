import { z } from "zod";
import { getBenchmarkView, getSubmissionView } from "@/db/queries/views";
import { AppError } from "@/lib/core/errors";
import type { LiveEvent } from "@/lib/jobs";
import { findRequestUser } from "@/lib/http/auth";
import { readQuery } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";
import { liveEventStream } from "@/lib/server/event-stream";
import { leaderboardEventFilter } from "@/lib/server/leaderboard";

const querySchema = z
  .object({ benchmark: z.string().min(1).optional(), submission: z.string().min(1).optional() })
  .refine((q) => !!q.benchmark !== !!q.submission, "pass exactly one of ?benchmark=<slug> or ?submission=<id>");

/** Server-sent events for one benchmark's leaderboard or one submission's page. */
export const GET = route(async (req) => {
  const query = readQuery(req, querySchema);
  const viewer = await findRequestUser(req);
  const { db } = getDatabase();
  let accept: (event: LiveEvent) => boolean;
  if (query.benchmark) {
    const benchmark = await getBenchmarkView(db, { slug: query.benchmark, viewer });
    if (!benchmark) throw new AppError("benchmark_not_found", `No benchmark named '${query.benchmark}'.`, 404);
    // A leaderboard changes when a submission changes state; progress ticks are for submission pages.
    accept = await leaderboardEventFilter(benchmark);
  } else {
    const submission = await getSubmissionView(db, { id: query.submission!, viewer });
    if (!submission) throw new AppError("submission_not_found", `No submission ${query.submission}.`, 404);
    accept = (e) => e.submissionId === submission.id;
  }
  const stream = await liveEventStream({ accept, signal: req.signal });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
});
