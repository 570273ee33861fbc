import { storeBenchmark, type BenchmarkDefinition, type BenchmarkWithCurrent } from "@/db/queries/benchmarks";
import type { Db } from "@/db/client";
import { drawVersionSecrets } from "./private-seeds";

/**
 * Creates or refreshes a benchmark, adding a version when its spec changed; a new version's private seeds are drawn
 * from a CSPRNG here, in the domain, and stored server-side only (see db/queries/benchmarks.ts).
 */
export function upsertBenchmark(
  db: Db,
  definition: BenchmarkDefinition,
  createdBy?: string,
  source?: string,
  drawSecrets = drawVersionSecrets,
): Promise<BenchmarkWithCurrent> {
  return storeBenchmark(db, definition, createdBy, source, drawSecrets);
}
