import { z } from "zod";
import { METRIC_FORMATS } from "@/lib/metric-format";

/**
 * The parts of the server's JSON responses the CLI reads. Loose objects: the server may send more, and the
 * CLI ignores what it does not show.
 */
export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const createdSubmissionSchema = z.object({ id: z.string().min(1) });

const scoreSchema = z.object({
  partition: z.string(),
  metric: z.string(),
  value: z.number(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  n: z.number(),
});
export type Score = z.infer<typeof scoreSchema>;

export const submissionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  status: z.enum(["queued", "running", "scored", "failed", "cancelled"]),
  createdAt: z.string(),
  benchmark: z.looseObject({ slug: z.string(), title: z.string() }),
  entrant: z.string(),
  units: z.array(z.looseObject({ key: z.string(), partition: z.string(), status: z.string(), progress: z.unknown() })),
  compute: z.array(z.looseObject({ unit: z.string(), status: z.string(), backend: z.string().nullable() })).default([]),
  scores: z.array(scoreSchema),
  failure: z.object({ kind: z.string().nullable(), reason: z.string().nullable() }).optional(),
  log: z
    .array(z.looseObject({ unit: z.string(), status: z.string(), error: z.string().nullable(), log: z.string() }))
    .optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

const metricValueSchema = z.object({
  value: z.number(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  n: z.number(),
});
export type MetricValue = z.infer<typeof metricValueSchema>;

export const leaderboardSchema = z.looseObject({
  /** `version`: the version ranked; `latestVersion`: the benchmark's newest (older servers send neither). */
  benchmark: z.looseObject({
    slug: z.string(),
    title: z.string(),
    version: z.number().optional(),
    latestVersion: z.number().optional(),
  }),
  partition: z.string(),
  mode: z.string(),
  columns: z.array(
    z.looseObject({ name: z.string(), label: z.string(), format: z.enum(METRIC_FORMATS), primary: z.boolean() }),
  ),
  rows: z.array(
    z.looseObject({
      rank: z.number(),
      tier: z.number(),
      submissionId: z.string(),
      name: z.string(),
      kind: z.string(),
      entrant: z.string(),
      isBaseline: z.boolean(),
      metrics: z.record(z.string(), metricValueSchema),
      /** The entry a re-evaluation re-runs, and the version it ran on. */
      reevaluationOf: z.object({ submissionId: z.string(), version: z.number() }).nullable().optional(),
    }),
  ),
});
export type LeaderboardResponse = z.infer<typeof leaderboardSchema>;

export const FINAL_STATUSES = ["scored", "failed", "cancelled"] as const;
