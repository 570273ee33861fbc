import type { Db } from "@/db/client";
import { ensurePhase } from "@/db/queries/benchmarks";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { seedShippedReportedResults } from "@/lib/reported-results/reported-results";
import { readStoreIndex } from "@/benchmarks/datasets/store-read";
import { checkFewshotSpec } from "@/evaluator/tracks/fewshot/definition";
import { importedBenchmarks, IMPORTED_PROTOCOLS } from "./imported";

/** The phase a newly registered benchmark opens with (the seeder's default for built-ins). */
export type DefaultPhase = {
  name: string;
  quotaPerDay: number | null;
  quotaTotal: number | null;
  revealAt: Date | null;
};

/**
 * Creates (idempotently) the standard benchmarks of every COMPLETE imported dataset in `datasetsDir`, with the
 * published results shipped with them (./reported-results.ts): called by the
 * importer when it has a database and by the seeder at start. A re-import with other pixels adds a benchmark version.
 * Returns the slugs registered and, per store, why it was skipped.
 */
export async function registerImportedBenchmarks(input: {
  db: Db;
  datasetsDir: string;
  phase: DefaultPhase;
}): Promise<{ registered: string[]; skipped: string[] }> {
  const registered: string[] = [];
  const skipped: string[] = [];
  for (const store of [...new Set(IMPORTED_PROTOCOLS.map((p) => p.store))]) {
    const index = readStoreIndex(input.datasetsDir, store);
    if (!index) continue;
    if (!index.complete) {
      skipped.push(
        `${store}: imported as a subset or without verified checksums, so no standard benchmark is created from it`,
      );
      continue;
    }
    for (const definition of importedBenchmarks(index)) {
      if (definition.spec.track === "fewshot") checkFewshotSpec(definition.spec, input.datasetsDir);
      const { benchmark } = await upsertBenchmark(input.db, definition);
      await ensurePhase(input.db, benchmark.id, { ...input.phase });
      await seedShippedReportedResults(input.db, benchmark);
      registered.push(benchmark.slug);
    }
  }
  return { registered, skipped };
}
