import { and, eq } from "drizzle-orm";
import { benchmarkSpecSchema } from "@/lib/benchmark-spec";
import type { Db } from "../client";
import { benchmarkVersions } from "../schema";
import type { BenchmarkVersion } from "./benchmarks";

/** One published version of a benchmark by its number, with its spec parsed; undefined when it has no such version. */
export async function findBenchmarkVersion(
  db: Pick<Db, "select">,
  input: { benchmarkId: string; version: number },
): Promise<BenchmarkVersion | undefined> {
  const [row] = await db
    .select()
    .from(benchmarkVersions)
    .where(and(eq(benchmarkVersions.benchmarkId, input.benchmarkId), eq(benchmarkVersions.version, input.version)));
  return row && { ...row, spec: benchmarkSpecSchema.parse(row.spec) };
}
