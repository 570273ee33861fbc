import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { benchmarks } from "./benchmarks";

/**
 * Signed-in browser sessions. The session cookie (a next-auth JWT) carries the id; a session counts only while its
 * row is here and unexpired, so signing out, a password change or "sign out everywhere" ends it at once.
 */
export const webSessions = pgTable(
  "web_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("web_sessions_user_idx").on(t.userId)],
);

export const emailTokenPurposeEnum = pgEnum("email_token_purpose", ["verify_email", "reset_password"]);

/** Single-use links sent by email. Only a sha256 of the token is stored; using one stamps usedAt. */
export const emailTokens = pgTable(
  "email_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: emailTokenPurposeEnum("purpose").notNull(),
    /** The address the link was sent to: verifying proves this one, not whatever the account says later. */
    email: text("email").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("email_tokens_user_idx").on(t.userId)],
);

/** Fixed-window attempt counters (sign-in, sign-up, reset), shared by every web process. */
export const rateLimits = pgTable("rate_limits", {
  /** e.g. `sign-in:email:ada@example.org` or `sign-in:ip:203.0.113.9`. */
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

/** Co-organizers an owner (the benchmark's creator) added; they manage the benchmark as the owner does. */
export const benchmarkOrganizers = pgTable(
  "benchmark_organizers",
  {
    benchmarkId: text("benchmark_id")
      .notNull()
      .references(() => benchmarks.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedBy: text("added_by").references(() => users.id, { onDelete: "set null" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.benchmarkId, t.userId] })],
);
