import type { Db } from "@/db/client";
import {
  findStoredBenchmarkById,
  findStoredBenchmarkBySlug,
  storeBenchmark,
  type BenchmarkDefinition,
  type BenchmarkVersion,
  type BenchmarkWithCurrent,
  type Runner,
  type StoredBenchmark,
  type StoredVersion,
} from "@/db/queries/benchmarks";
import { findStoredBenchmarkVersion } from "@/db/queries/versions";
import { benchmarkSpecSchema } from "./benchmark-spec";
import { drawVersionSecrets } from "./private-seeds";

/**
 * Creates or refreshes a benchmark, adding a version when its spec changed; a new version's private seeds are drawn
 * from a CSPRNG here, in the domain, and stored server-side only (see db/queries/benchmarks.ts).
 */
export async function upsertBenchmark(
  db: Db,
  definition: BenchmarkDefinition,
  createdBy?: string,
  source?: string,
  drawSecrets = drawVersionSecrets,
): Promise<BenchmarkWithCurrent> {
  const spec = benchmarkSpecSchema.parse(definition.spec);
  return readBenchmark(await storeBenchmark(db, { ...definition, spec }, createdBy, source, drawSecrets));
}

/**
 * A benchmark by slug with its current version (spec read through the schema) and current phase: the open one if any,
 * else the one that opens next, else the one that closed last. `undefined` when no benchmark has that slug.
 */
export async function findBenchmarkBySlug(
  db: Runner,
  slug: string,
  now = new Date(),
): Promise<BenchmarkWithCurrent | undefined> {
  const stored = await findStoredBenchmarkBySlug(db, slug, now);
  return stored && readBenchmark(stored);
}

/** As findBenchmarkBySlug, by id. */
export async function findBenchmarkById(
  db: Runner,
  id: string,
  now = new Date(),
): Promise<BenchmarkWithCurrent | undefined> {
  const stored = await findStoredBenchmarkById(db, id, now);
  return stored && readBenchmark(stored);
}

/** One published version of a benchmark by its number, its spec read through the schema; undefined when absent. */
export async function findBenchmarkVersion(
  db: Parameters<typeof findStoredBenchmarkVersion>[0],
  input: { benchmarkId: string; version: number },
): Promise<BenchmarkVersion | undefined> {
  const stored = await findStoredBenchmarkVersion(db, input);
  return stored && readVersion(stored);
}

function readBenchmark(stored: StoredBenchmark): BenchmarkWithCurrent {
  return { ...stored, version: readVersion(stored.version) };
}

/** A spec is validated on its way in and read back through the schema: an older version reads with later defaults. */
function readVersion(stored: StoredVersion): BenchmarkVersion {
  return { ...stored, spec: benchmarkSpecSchema.parse(stored.spec) };
}
