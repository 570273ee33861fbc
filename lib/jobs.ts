import { z } from "zod";

/**
 * Queue jobs: name, payload version and zod payload in one place. Handlers re-parse the payload.
 * A change to a payload's shape is a new version.
 */
export const evaluateUnitJob = {
  name: "evaluate-unit",
  payload: z.object({ v: z.literal(1), submissionId: z.string().min(1), unitId: z.string().min(1) }).strict(),
} as const;

export type EvaluateUnitPayload = z.infer<typeof evaluateUnitJob.payload>;

/** Postgres NOTIFY channel that carries live updates to server-sent event streams. */
export const EVENTS_CHANNEL = "heldout_events";

export const liveEventSchema = z.object({
  type: z.enum(["submission", "progress"]),
  submissionId: z.string(),
  benchmarkId: z.string(),
  status: z.string().optional(),
});
export type LiveEvent = z.infer<typeof liveEventSchema>;
