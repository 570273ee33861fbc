import type { Db } from "@/db/client";
import {
  insertReportedResult,
  listReportedResultRows,
  markReportedResultDeleted,
  upsertShippedReportedResult,
  type ReportedResultRow,
} from "@/db/queries/reported-results";
import type { User } from "@/db/queries/users";
import { shippedReportedResults } from "@/benchmarks/builtin/reported-results";
import { assertOrganizesBenchmark } from "@/lib/auth/benchmark-rights";
import { AppError } from "@/lib/core/errors";
import { reportedResultSchema, type ReportedResult } from "./schema";

/** A reported result as readers get it: the paper's numbers, and whether it ships with the platform. */
export type ReportedEntry = ReportedResult & { id: string; shipped: boolean; addedAt: Date };

type Actor = Pick<User, "id" | "role">;
type Benchmark = { id: string; slug: string };

function toEntry(row: ReportedResultRow): ReportedEntry {
  // Every row was parsed on the way in; parsing again on the way out keeps a hand-edited row from reaching a page.
  return {
    ...reportedResultSchema.parse(row.result),
    id: row.id,
    shipped: row.shippedKey !== null,
    addedAt: row.createdAt,
  };
}

/** A benchmark's reported results, oldest first: they sit beside its leaderboard, never in its ranking. */
export async function listReportedResults(db: Db, benchmarkId: string): Promise<ReportedEntry[]> {
  return (await listReportedResultRows(db, benchmarkId)).map(toEntry);
}

/** Adds a published result to a benchmark the actor organizes (owner, co-organizer, admin); anyone else → 403. */
export async function addReportedResult(
  db: Db,
  input: { actor: Actor; benchmark: Benchmark; result: ReportedResult },
): Promise<ReportedEntry> {
  await assertOrganizesBenchmark(db, input.actor, input.benchmark);
  const result = reportedResultSchema.parse(input.result);
  return toEntry(await insertReportedResult(db, { benchmarkId: input.benchmark.id, result, addedBy: input.actor.id }));
}

/** Deletes one of a benchmark's reported results (shipped ones too: seeding never brings it back). */
export async function deleteReportedResult(
  db: Db,
  input: { actor: Actor; benchmark: Benchmark; id: string },
): Promise<void> {
  await assertOrganizesBenchmark(db, input.actor, input.benchmark);
  if (
    !(await markReportedResultDeleted(db, { benchmarkId: input.benchmark.id, id: input.id, deletedBy: input.actor.id }))
  ) {
    throw new AppError(
      "reported_result_not_found",
      `'${input.benchmark.slug}' has no reported result ${input.id}.`,
      404,
    );
  }
}

/** Stores the results shipped with a standard board (none for other benchmarks); idempotent. */
export async function seedShippedReportedResults(db: Db, benchmark: Benchmark): Promise<number> {
  const shipped = shippedReportedResults(benchmark.slug);
  for (const { key, result } of shipped)
    await upsertShippedReportedResult(db, { benchmarkId: benchmark.id, key, result });
  return shipped.length;
}
