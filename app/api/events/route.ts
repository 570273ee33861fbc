import { z } from "zod";
import { findRequestUser } from "@/lib/http/auth";
import { readQuery } from "@/lib/http/body";
import { idSchema, slugSchema } from "@/lib/http/identifiers";
import { route } from "@/lib/http/route";
import { openLiveEvents } from "@/lib/server/live-events";

const querySchema = z
  .object({ benchmark: slugSchema.optional(), submission: idSchema.optional() })
  .refine((q) => !!q.benchmark !== !!q.submission, "pass exactly one of ?benchmark=<slug> or ?submission=<id>");

/** Server-sent events for one benchmark's leaderboard or one submission's page. */
export const GET = route(async (req) => {
  const query = readQuery(req, querySchema);
  const viewer = await findRequestUser(req);
  const stream = await openLiveEvents({ ...query, viewer, signal: req.signal });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
