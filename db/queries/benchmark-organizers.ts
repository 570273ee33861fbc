import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { benchmarkOrganizers, benchmarks } from "../schema";

/** Whether the user created the benchmark (its owner) or was added as a co-organizer of it. */
export async function organizesBenchmark(db: Db, input: { benchmarkId: string; userId: string }): Promise<boolean> {
  const [owned] = await db.select({ id: benchmarks.id }).from(benchmarks).where(and(eq(benchmarks.id, input.benchmarkId), eq(benchmarks.createdBy, input.userId)));
  if (owned) return true;
  const [added] = await db
    .select({ userId: benchmarkOrganizers.userId })
    .from(benchmarkOrganizers)
    .where(and(eq(benchmarkOrganizers.benchmarkId, input.benchmarkId), eq(benchmarkOrganizers.userId, input.userId)));
  return !!added;
}

export async function addCoOrganizer(db: Db, input: { benchmarkId: string; userId: string; addedBy: string }): Promise<void> {
  await db.insert(benchmarkOrganizers).values(input).onConflictDoNothing();
}

export async function removeCoOrganizer(db: Db, input: { benchmarkId: string; userId: string }): Promise<boolean> {
  const rows = await db
    .delete(benchmarkOrganizers)
    .where(and(eq(benchmarkOrganizers.benchmarkId, input.benchmarkId), eq(benchmarkOrganizers.userId, input.userId)))
    .returning({ userId: benchmarkOrganizers.userId });
  return rows.length > 0;
}
