import { ATARI_BENCHMARKS } from "@/benchmarks/builtin/atari";
import type { Db } from "@/db/client";
import { ensurePhase, type BenchmarkDefinition } from "@/db/queries/benchmarks";
import { findBenchmarkBySlug, upsertBenchmark } from "@/lib/benchmark-versions";
import { benchmarks } from "@/db/schema";
import { DEFAULT_PHASE, queueBaselines } from "@/lib/seed/seed";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { AppError } from "@/lib/core/errors";
import { seedShippedReportedResults } from "@/lib/reported-results/reported-results";
import type { Queue } from "@/lib/queue";
import type { BundleStore } from "@/lib/storage";
import { summarizeRlSpec, type SpecSummary } from "./spec-summary";

/**
 * The built-in RL definitions an organizer can create. Those seeded at start (benchmarks/builtin seededRlBenchmarks:
 * the demo boards, Atari 100K, ML10, ML45) already exist then, so only the others are offered.
 */
export const RL_DEFINITIONS: readonly BenchmarkDefinition[] = [...ATARI_BENCHMARKS, ...METAWORLD_BENCHMARKS];

export type DefinitionPreview = { slug: string; title: string; track: string; summary: string } & SpecSummary;

/** What an organizer sees before creating a definition: its tasks (games) and the budgets of one unit. */
export function previewDefinition(definition: BenchmarkDefinition): DefinitionPreview {
  const { spec } = definition;
  // The definitions here are RL ones only; few-shot benchmarks are seeded at start.
  if (spec.track === "fewshot")
    throw new Error(`${definition.slug}: few-shot benchmarks are seeded, not created from a definition`);
  return {
    slug: definition.slug,
    title: definition.title,
    track: definition.track,
    summary: definition.summary,
    ...summarizeRlSpec(spec),
  };
}

/** The RL definitions whose slug is not a benchmark yet, as previews. */
export async function listCreatableDefinitions(db: Db): Promise<DefinitionPreview[]> {
  const existing = new Set((await db.select({ slug: benchmarks.slug }).from(benchmarks)).map((b) => b.slug));
  return RL_DEFINITIONS.filter((d) => !existing.has(d.slug)).map(previewDefinition);
}

/**
 * Creates a benchmark from a built-in definition as the seeder does (the definition, the default phase, the published
 * results shipped with it), then
 * queues the baselines of its track. A slug that already names a benchmark is a conflict: this never edits one.
 */
export async function createFromDefinition(input: {
  db: Db;
  queue: Queue;
  store: BundleStore;
  slug: string;
  createdBy: string;
}) {
  const { db, slug } = input;
  const definition = RL_DEFINITIONS.find((d) => d.slug === slug);
  if (!definition) {
    throw new AppError(
      "not_found",
      `No built-in definition '${slug}'. Known: ${RL_DEFINITIONS.map((d) => d.slug).join(", ")}.`,
      404,
    );
  }
  if (await findBenchmarkBySlug(db, slug))
    throw new AppError("benchmark_exists", `The benchmark '${slug}' exists already.`, 409);
  const current = await upsertBenchmark(db, definition, input.createdBy);
  await ensurePhase(db, current.benchmark.id, { ...DEFAULT_PHASE });
  await seedShippedReportedResults(db, current.benchmark);
  const baselines = await queueBaselines({ db, queue: input.queue, store: input.store, slug });
  return { slug, baselinesQueued: baselines.queued };
}
