import { and, eq } from "drizzle-orm";
import type { Db } from "../client";
import { benchmarkVersions } from "../schema";
import type { StoredVersion } from "./benchmarks";

/** One published version of a benchmark by its number, as stored; undefined when it has no such version. */
export async function findStoredBenchmarkVersion(
  db: Pick<Db, "select">,
  input: { benchmarkId: string; version: number },
): Promise<StoredVersion | undefined> {
  const [row] = await db
    .select()
    .from(benchmarkVersions)
    .where(and(eq(benchmarkVersions.benchmarkId, input.benchmarkId), eq(benchmarkVersions.version, input.version)));
  return row;
}
