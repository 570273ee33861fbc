import { index, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { benchmarks } from "./benchmarks";

/**
 * Published results copied from papers, shown beside a benchmark's evaluated entries (never ranked with them).
 * `result` holds the domain's reported-result document (lib/reported-results/schema.ts), which parses every row it
 * reads. A deleted row is kept, marked, so that seeding never brings back a shipped result an organizer removed.
 */
export const reportedResults = pgTable(
  "reported_results",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    benchmarkId: text("benchmark_id")
      .notNull()
      .references(() => benchmarks.id, { onDelete: "cascade" }),
    /** The stable key of a result shipped with a standard board; null for one an organizer added. */
    shippedKey: text("shipped_key"),
    result: jsonb("result").$type<unknown>().notNull(),
    addedBy: text("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    deletedBy: text("deleted_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    unique("reported_results_shipped_key").on(t.benchmarkId, t.shippedKey),
    index("reported_results_benchmark_idx").on(t.benchmarkId, t.createdAt),
  ],
);
