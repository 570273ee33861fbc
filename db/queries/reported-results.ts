import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { reportedResults } from "../schema";

export type ReportedResultRow = typeof reportedResults.$inferSelect;

/** A benchmark's reported results that are not deleted, oldest first. */
export async function listReportedResultRows(db: Db, benchmarkId: string): Promise<ReportedResultRow[]> {
  return db
    .select()
    .from(reportedResults)
    .where(and(eq(reportedResults.benchmarkId, benchmarkId), isNull(reportedResults.deletedAt)))
    .orderBy(asc(reportedResults.createdAt), asc(reportedResults.id));
}

export async function insertReportedResult(
  db: Db,
  input: { benchmarkId: string; result: unknown; addedBy: string },
): Promise<ReportedResultRow> {
  const [row] = await db.insert(reportedResults).values(input).returning();
  return row!;
}

/** Marks a result of this benchmark deleted; false when it names none (or one already deleted). */
export async function markReportedResultDeleted(
  db: Db,
  input: { benchmarkId: string; id: string; deletedBy: string },
): Promise<boolean> {
  const rows = await db
    .update(reportedResults)
    .set({ deletedAt: new Date(), deletedBy: input.deletedBy })
    .where(
      and(
        eq(reportedResults.id, input.id),
        eq(reportedResults.benchmarkId, input.benchmarkId),
        isNull(reportedResults.deletedAt),
      ),
    )
    .returning({ id: reportedResults.id });
  return rows.length > 0;
}

/**
 * Inserts a shipped result by its key, or refreshes the stored one (a corrected number in a later release); one that
 * was deleted stays deleted and unchanged.
 */
export async function upsertShippedReportedResult(
  db: Db,
  input: { benchmarkId: string; key: string; result: unknown },
): Promise<void> {
  await db
    .insert(reportedResults)
    .values({ benchmarkId: input.benchmarkId, shippedKey: input.key, result: input.result })
    .onConflictDoUpdate({
      target: [reportedResults.benchmarkId, reportedResults.shippedKey],
      set: { result: sql`excluded.result` },
      setWhere: isNull(reportedResults.deletedAt),
    });
}
