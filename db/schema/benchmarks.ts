import { boolean, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique } from "drizzle-orm/pg-core";
import type { BenchmarkSpec } from "@/lib/benchmark-spec";
import type { VersionSecrets } from "@/lib/private-seeds";
import { users } from "./auth";

export const trackEnum = pgEnum("track", ["fewshot", "atari", "metaworld"]);
export const benchmarkVisibilityEnum = pgEnum("benchmark_visibility", ["public", "invite"]);

export const benchmarks = pgTable("benchmarks", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  track: trackEnum("track").notNull(),
  summary: text("summary").notNull().default(""),
  /** The exact protocol in plain text (paragraphs separated by blank lines), for the benchmark's page. */
  about: text("about").notNull().default(""),
  /** Built on generated data: shown as "synthetic" wherever the benchmark appears. */
  synthetic: boolean("synthetic").notNull().default(false),
  visibility: benchmarkVisibilityEnum("visibility").notNull().default("public"),
  createdBy: text("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A published spec. Editing a benchmark adds a version; results stay tied to the one that produced them. */
export const benchmarkVersions = pgTable(
  "benchmark_versions",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    benchmarkId: text("benchmark_id")
      .notNull()
      .references(() => benchmarks.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    spec: jsonb("spec").$type<BenchmarkSpec>().notNull(),
    /** The YAML an organizer authored this version from, shown and edited again; null for built-in definitions. */
    source: text("source"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.benchmarkId, t.version)],
);

/**
 * A version's private seeds and agent-seed key, drawn when the version is created (lib/private-seeds.ts). Its own
 * table so that nothing selecting versions (pages, APIs) can carry it by accident: only the worker and the open data
 * after the reveal read it. Versions whose spec still names its private seeds have no row.
 */
export const benchmarkVersionSecrets = pgTable("benchmark_version_secrets", {
  versionId: text("version_id")
    .primaryKey()
    .references(() => benchmarkVersions.id, { onDelete: "cascade" }),
  secrets: jsonb("secrets").$type<VersionSecrets>().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A window in which submissions are accepted, with its quotas and the private-score reveal time. */
export const phases = pgTable("phases", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  benchmarkId: text("benchmark_id")
    .notNull()
    .references(() => benchmarks.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  opensAt: timestamp("opens_at", { withTimezone: true }).notNull().defaultNow(),
  /** null: open-ended. */
  closesAt: timestamp("closes_at", { withTimezone: true }),
  /** Submissions per participant (or team) per rolling 24 hours; null: unlimited. */
  quotaPerDay: integer("quota_per_day"),
  /** Submissions per participant (or team) over the whole phase; null: unlimited. */
  quotaTotal: integer("quota_total"),
  /** Submissions per participant (or team) queued or running at once; null: unlimited. */
  quotaConcurrent: integer("quota_concurrent"),
  /** Most members a team may have to submit in this phase; null: any size. */
  teamSizeLimit: integer("team_size_limit"),
  /** Failed evaluations caused by the submitted code per participant (or team) per rolling 24 hours before further
   *  submissions are refused; null: no cap. */
  userFailuresPerDay: integer("user_failures_per_day"),
  /** Final ranking: null ranks each team's best public entry; N lets each team choose up to N entries (Kaggle-style),
   *  its best public entry standing in when it chose none. */
  finalSelectionLimit: integer("final_selection_limit"),
  /** The public leaderboard freezes here: later entries are scored but shown only to their owners until the reveal. */
  frozenAt: timestamp("frozen_at", { withTimezone: true }),
  /** When private-partition scores become visible; null: never before the organizer sets it. */
  revealAt: timestamp("reveal_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Who may see and enter an invite-only benchmark, by email (matched case-insensitively, stored lower-case). */
export const benchmarkInvites = pgTable(
  "benchmark_invites",
  {
    benchmarkId: text("benchmark_id")
      .notNull()
      .references(() => benchmarks.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.benchmarkId, t.email] })],
);
