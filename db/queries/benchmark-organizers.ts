import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { benchmarkOrganizers, benchmarks } from "../schema";

/** Whether the user created the benchmark (its owner) or was added as a co-organizer of it. */
export async function organizesBenchmark(db: Db, input: { benchmarkId: string; userId: string }): Promise<boolean> {
  const [owned] = await db
    .select({ id: benchmarks.id })
    .from(benchmarks)
    .where(and(eq(benchmarks.id, input.benchmarkId), eq(benchmarks.createdBy, input.userId)));
  if (owned) return true;
  const [added] = await db
    .select({ userId: benchmarkOrganizers.userId })
    .from(benchmarkOrganizers)
    .where(and(eq(benchmarkOrganizers.benchmarkId, input.benchmarkId), eq(benchmarkOrganizers.userId, input.userId)));
  return !!added;
}

/** The benchmarks a user organizes (owns or co-organizes), as a condition on `benchmarks`. */
export function organizedBy(userId: string): SQL {
  // Not correlated on purpose: an unqualified outer column inside the subquery would bind to its own table.
  return or(
    eq(benchmarks.createdBy, userId),
    sql`${benchmarks.id} in (select bo.benchmark_id from benchmark_organizers bo where bo.user_id = ${userId})`,
  )!;
}

export async function addCoOrganizer(
  db: Db,
  input: { benchmarkId: string; userId: string; addedBy: string },
): Promise<void> {
  await db.insert(benchmarkOrganizers).values(input).onConflictDoNothing();
}

export async function removeCoOrganizer(db: Db, input: { benchmarkId: string; userId: string }): Promise<boolean> {
  const rows = await db
    .delete(benchmarkOrganizers)
    .where(and(eq(benchmarkOrganizers.benchmarkId, input.benchmarkId), eq(benchmarkOrganizers.userId, input.userId)))
    .returning({ userId: benchmarkOrganizers.userId });
  return rows.length > 0;
}
