import {
  type AnyPgColumn,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import type { Manifest } from "@/evaluator/protocol/manifest";
import { users } from "./auth";
import { benchmarks, benchmarkVersions, phases } from "./benchmarks";
import { teams } from "./teams";

export const submissionStatusEnum = pgEnum("submission_status", ["queued", "running", "scored", "failed", "cancelled"]);
/** Whose fault a failure is: the submitted code ("user") or the platform. Platform faults never count against quotas. */
export const failureKindEnum = pgEnum("failure_kind", ["user", "platform"]);
export const submissionVisibilityEnum = pgEnum("submission_visibility", ["public", "private"]);
export const unitStatusEnum = pgEnum("unit_status", ["pending", "running", "done", "failed", "cancelled"]);
export const attemptStatusEnum = pgEnum("attempt_status", ["running", "succeeded", "failed", "lost"]);
export const partitionEnum = pgEnum("partition", ["public", "private"]);

export const submissions = pgTable(
  "submissions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    benchmarkId: text("benchmark_id")
      .notNull()
      .references(() => benchmarks.id),
    benchmarkVersionId: text("benchmark_version_id")
      .notNull()
      .references(() => benchmarkVersions.id),
    phaseId: text("phase_id")
      .notNull()
      .references(() => phases.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** null: the submitter competes alone. */
    teamId: text("team_id").references(() => teams.id),
    name: text("name").notNull(),
    bundleSha256: text("bundle_sha256").notNull(),
    bundleBytes: integer("bundle_bytes").notNull(),
    /** The validated heldout.json. */
    manifest: jsonb("manifest").$type<Manifest>().notNull(),
    kind: text("kind").notNull(),
    /** Method card. */
    description: text("description").notNull().default(""),
    paperUrl: text("paper_url"),
    codeUrl: text("code_url"),
    tags: text("tags").array().notNull().default([]),
    visibility: submissionVisibilityEnum("visibility").notNull().default("public"),
    isBaseline: boolean("is_baseline").notNull().default(false),
    /** Chosen by its team for the final ranking (phases with a final-selection limit). */
    selectedForFinal: boolean("selected_for_final").notNull().default(false),
    /** The entry this one re-evaluates on a newer benchmark version: same bundle, same owner, no quota. */
    reevaluationOf: text("reevaluation_of").references((): AnyPgColumn => submissions.id),
    status: submissionStatusEnum("status").notNull().default("queued"),
    failureKind: failureKindEnum("failure_kind"),
    failureReason: text("failure_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("submissions_benchmark_idx").on(t.benchmarkId, t.status),
    index("submissions_phase_user_idx").on(t.phaseId, t.userId),
    // Per-version leaderboards and re-evaluation progress read one version's entries; a submission page lists its
    // re-evaluations.
    index("submissions_version_idx").on(t.benchmarkVersionId),
    index("submissions_reevaluation_of_idx").on(t.reevaluationOf),
  ],
);

/**
 * One unit of work of a submission: a partition of few-shot episodes, an Atari (game, seed), a Meta-World task.
 * Each unit is one queue job; a crash loses one unit, and many workers can share a submission.
 */
export const evaluationUnits = pgTable(
  "evaluation_units",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    /** Stable name of the unit within the submission, e.g. "public", "Pong:0". */
    key: text("key").notNull(),
    partition: partitionEnum("partition").notNull(),
    status: unitStatusEnum("status").notNull().default("pending"),
    /** Live progress from the running attempt (episodes done, steps, recent returns). */
    progress: jsonb("progress").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [unique().on(t.submissionId, t.key)],
);

/** One try at a unit by one worker: what ran it, on which backend, how it ended. */
export const evaluationAttempts = pgTable(
  "evaluation_attempts",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    unitId: text("unit_id")
      .notNull()
      .references(() => evaluationUnits.id, { onDelete: "cascade" }),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    jobId: text("job_id"),
    evaluatorVersion: text("evaluator_version").notNull(),
    /** TF.js backend that ran: tensorflow, wasm or cpu. Null until the sandbox reports it. */
    backend: text("backend"),
    host: text("host").notNull(),
    gpu: text("gpu"),
    status: attemptStatusEnum("status").notNull().default("running"),
    errorKind: failureKindEnum("error_kind"),
    error: text("error"),
    /** Captured stdout/stderr of the sandbox, capped. Visible to the submission's owner only. */
    log: text("log"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    wallMs: integer("wall_ms"),
  },
  // finished_at: the fair claim sums each team's recent attempts (db/queries/unit-jobs.ts).
  (t) => [index("attempts_unit_idx").on(t.unitId), index("attempts_finished_idx").on(t.finishedAt)],
);

/** Raw results: one row per episode / run / task. Aggregates are derived from these, never stored alone. */
export const results = pgTable(
  "results",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    unitId: text("unit_id")
      .notNull()
      .references(() => evaluationUnits.id, { onDelete: "cascade" }),
    attemptId: text("attempt_id")
      .notNull()
      .references(() => evaluationAttempts.id),
    partition: partitionEnum("partition").notNull(),
    /** Episode index, evaluation-episode index, or task index within the unit. */
    index: integer("index").notNull(),
    /** Grouping for stratified statistics (an Atari game, a Meta-World task); "" where there is none. */
    task: text("task").notNull().default(""),
    metrics: jsonb("metrics").$type<Record<string, number>>().notNull(),
  },
  // A unit's rows are written once: a retried unit whose results already exist writes nothing.
  (t) => [unique().on(t.unitId, t.index)],
);

/** Aggregate metrics per partition with their confidence interval, recomputed from `results`. */
export const aggregates = pgTable(
  "aggregates",
  {
    submissionId: text("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    partition: partitionEnum("partition").notNull(),
    metric: text("metric").notNull(),
    value: doublePrecision("value").notNull(),
    ciLow: doublePrecision("ci_low"),
    ciHigh: doublePrecision("ci_high"),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.partition, t.metric] })],
);
