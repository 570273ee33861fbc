import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { BenchmarkSpec } from "@/lib/benchmark-spec";
import type { Db } from "../client";
import type { VersionSecrets } from "@/lib/private-seeds";
import { benchmarks, benchmarkVersions, benchmarkVersionSecrets, phases } from "../schema";

export type Benchmark = typeof benchmarks.$inferSelect;
export type BenchmarkVersion = typeof benchmarkVersions.$inferSelect;
export type Phase = typeof phases.$inferSelect;
export type BenchmarkWithCurrent = { benchmark: Benchmark; version: BenchmarkVersion; phase: Phase | undefined };
/** A version as stored: its spec is the JSON written then, which the domain reads through the spec schema. */
export type StoredVersion = Omit<BenchmarkVersion, "spec"> & { spec: unknown };
export type StoredBenchmark = { benchmark: Benchmark; version: StoredVersion; phase: Phase | undefined };

/** A query runner: the database or a transaction. */
export type Runner = Pick<Db, "select" | "insert" | "update" | "execute">;

/**
 * A benchmark with its current (highest) version and current phase: the open one if any, else the one that opens
 * next, else the one that closed last. `undefined` when no benchmark has that slug.
 */
export async function findStoredBenchmarkBySlug(
  db: Runner,
  slug: string,
  now = new Date(),
): Promise<StoredBenchmark | undefined> {
  const [benchmark] = await db.select().from(benchmarks).where(eq(benchmarks.slug, slug));
  if (!benchmark) return undefined;
  return withCurrent(db, benchmark, now);
}

export async function findStoredBenchmarkById(
  db: Runner,
  id: string,
  now = new Date(),
): Promise<StoredBenchmark | undefined> {
  const [benchmark] = await db.select().from(benchmarks).where(eq(benchmarks.id, id));
  if (!benchmark) return undefined;
  return withCurrent(db, benchmark, now);
}

async function withCurrent(db: Runner, benchmark: Benchmark, now: Date): Promise<StoredBenchmark | undefined> {
  const [version] = await db
    .select()
    .from(benchmarkVersions)
    .where(eq(benchmarkVersions.benchmarkId, benchmark.id))
    .orderBy(desc(benchmarkVersions.version))
    .limit(1);
  if (!version) return undefined;
  // drizzle hands raw Date parameters to the driver unserialised: pass the instant as text.
  const at = sql`${now.toISOString()}::timestamptz`;
  const [phase] = await db
    .select()
    .from(phases)
    .where(eq(phases.benchmarkId, benchmark.id))
    .orderBy(
      desc(sql`(${phases.opensAt} <= ${at} and (${phases.closesAt} is null or ${phases.closesAt} > ${at}))`),
      desc(sql`(${phases.opensAt} > ${at})`),
      sql`case when ${phases.opensAt} > ${at} then ${phases.opensAt} end asc`,
      desc(phases.closesAt),
    )
    .limit(1);
  return { benchmark, version, phase };
}

export type BenchmarkDefinition = {
  slug: string;
  title: string;
  track: Benchmark["track"];
  summary: string;
  about: string;
  synthetic: boolean;
  spec: BenchmarkSpec;
};

/**
 * Creates the benchmark if its slug is new (else refreshes title and summary), and adds a version when the spec
 * differs from the current one: results stay tied to the version that produced them. `source` is the authored YAML
 * the version is stored with (replacing the current version's text when only the wording changed). Returns the
 * current state. A new version's private seeds are drawn then (`drawSecrets`: the domain passes a CSPRNG draw) and
 * stored apart from it. The spec comes validated by the domain (lib/benchmark-versions.ts).
 */
export async function storeBenchmark(
  db: Db,
  definition: BenchmarkDefinition,
  createdBy: string | undefined,
  source: string | undefined,
  drawSecrets: (spec: BenchmarkSpec) => VersionSecrets | null,
): Promise<StoredBenchmark> {
  const { spec } = definition;
  return db.transaction(async (tx) => {
    const [benchmark] = await tx
      .insert(benchmarks)
      .values({
        slug: definition.slug,
        title: definition.title,
        track: definition.track,
        summary: definition.summary,
        about: definition.about,
        synthetic: definition.synthetic,
        createdBy,
      })
      .onConflictDoUpdate({
        target: benchmarks.slug,
        set: {
          title: definition.title,
          summary: definition.summary,
          about: definition.about,
          synthetic: definition.synthetic,
        },
      })
      .returning();
    // Serialises concurrent seeders on this benchmark so they add one version, not two.
    await tx.execute(sql`select id from ${benchmarks} where id = ${benchmark!.id} for update`);
    const [latest] = await tx
      .select()
      .from(benchmarkVersions)
      .where(eq(benchmarkVersions.benchmarkId, benchmark!.id))
      .orderBy(desc(benchmarkVersions.version))
      .limit(1);
    if (!latest || !sameJson(latest.spec, spec)) {
      const [version] = await tx
        .insert(benchmarkVersions)
        .values({ benchmarkId: benchmark!.id, version: (latest?.version ?? 0) + 1, spec, source })
        .returning({ id: benchmarkVersions.id });
      const secrets = drawSecrets(spec);
      if (secrets) await tx.insert(benchmarkVersionSecrets).values({ versionId: version!.id, secrets });
    } else if (source !== undefined && latest.source !== source) {
      // Same protocol, new wording (title, texts, comments): the version keeps its spec and shows the latest text.
      await tx.update(benchmarkVersions).set({ source }).where(eq(benchmarkVersions.id, latest.id));
    }
    const current = await withCurrent(tx, benchmark!, new Date());
    return current!;
  });
}

/** Adds a phase to a benchmark that has none. Returns the benchmark's phases' first row (new or existing). */
export async function ensurePhase(
  db: Db,
  benchmarkId: string,
  phase: { name: string; quotaPerDay: number | null; quotaTotal: number | null; revealAt: Date | null },
): Promise<Phase> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${benchmarks} where id = ${benchmarkId} for update`);
    const [existing] = await tx
      .select()
      .from(phases)
      .where(eq(phases.benchmarkId, benchmarkId))
      .orderBy(phases.createdAt)
      .limit(1);
    if (existing) return existing;
    const [created] = await tx
      .insert(phases)
      .values({ benchmarkId, ...phase })
      .returning();
    return created!;
  });
}

/** Updates a phase's window, quotas, limits, final-selection rule, freeze and reveal times. */
export async function updatePhase(
  db: Db,
  phaseId: string,
  changes: Partial<Omit<Phase, "id" | "benchmarkId" | "createdAt">>,
): Promise<Phase | undefined> {
  const [row] = await db.update(phases).set(changes).where(eq(phases.id, phaseId)).returning();
  return row;
}

/** Key-order-independent JSON equality (specs come back from jsonb with keys reordered). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** Whether any benchmark meets `where` (a condition the domain builds, such as who may see it). */
export async function anyBenchmarkWhere(db: Pick<Db, "select">, where: SQL | undefined): Promise<boolean> {
  const rows = await db.select({ id: benchmarks.id }).from(benchmarks).where(where).limit(1);
  return rows.length > 0;
}

/** The benchmarks meeting `where` (all when undefined), by title. */
export async function listBenchmarkRows(db: Db, where: SQL | undefined) {
  return db.select().from(benchmarks).where(where).orderBy(asc(benchmarks.title));
}
