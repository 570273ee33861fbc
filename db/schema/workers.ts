import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Evaluation workers that are up: each one stamps its row every few seconds while it runs, idle or busy, and removes
 * it when it stops cleanly. A row whose stamp is old belongs to a worker that died; /api/health counts fresh ones.
 */
export const workers = pgTable("workers", {
  id: text("id").primaryKey(),
  host: text("host").notNull(),
  pid: integer("pid").notNull(),
  concurrency: integer("concurrency").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
});
