import type { Db } from "@/db/client";
import { ensurePhase } from "@/db/queries/benchmarks";
import { findBenchmarkBySlug, upsertBenchmark } from "@/lib/benchmark-versions";
import { DEFAULT_PHASE, queueBaselines } from "@/lib/seed/seed";
import { AppError } from "@/lib/core/errors";
import type { Queue } from "@/lib/queue";
import type { BundleStore } from "@/lib/storage";
import { formatIssues } from "@/lib/yaml";
import { AUTHORING_FILE } from "./document";
import { registerStoreSplit } from "./store-split";
import { validateAuthoring } from "./validate";

export type PublishResult = { slug: string; version: number; created: boolean; baselinesQueued: string[] };

/**
 * Publishes an authored benchmark YAML. A new slug creates the benchmark (version 1), its default phase, and queues
 * its track's baselines. `edit` names the benchmark being edited: its spec, if changed, becomes version N+1 (results
 * stay tied to the version that produced them); an unchanged spec refreshes title, texts and the stored YAML only.
 * A slug that exists is never overwritten without `edit`, and a leakage failure blocks publishing.
 */
export async function publishAuthored(input: {
  db: Db;
  queue: Queue;
  store: BundleStore;
  text: string;
  datasetsDir: string;
  edit?: string;
  createdBy: string;
}): Promise<PublishResult> {
  const { db } = input;
  const validation = validateAuthoring({ text: input.text, datasetsDir: input.datasetsDir });
  if (!validation.ok) throw new AppError("spec_invalid", formatIssues(AUTHORING_FILE, validation.issues));
  const { definition, leakageProblem, register } = validation.benchmark;
  if (leakageProblem) throw new AppError("leakage", leakageProblem, 422);

  const existing = await findBenchmarkBySlug(db, definition.slug);
  if (input.edit !== undefined && input.edit !== definition.slug) {
    throw new AppError(
      "slug_changed",
      `This edits '${input.edit}': its slug cannot change (the spec says '${definition.slug}').`,
    );
  }
  if (existing && input.edit === undefined) {
    throw new AppError(
      "benchmark_exists",
      `The benchmark '${definition.slug}' exists already: edit it from its page to publish a new version.`,
      409,
    );
  }
  if (!existing && input.edit !== undefined)
    throw new AppError("not_found", `No benchmark '${input.edit}' to edit.`, 404);
  if (existing && existing.benchmark.track !== definition.track) {
    throw new AppError(
      "track_changed",
      `'${definition.slug}' is a ${existing.benchmark.track} benchmark; a new version cannot change its track to ${definition.track}.`,
    );
  }

  if (register) await registerStoreSplit({ datasetsDir: input.datasetsDir, ...register });
  const current = await upsertBenchmark(db, definition, input.createdBy, validation.benchmark.source);
  await ensurePhase(db, current.benchmark.id, { ...DEFAULT_PHASE });
  const baselines = await queueBaselines({
    db,
    queue: input.queue,
    store: input.store,
    slug: definition.slug,
    datasetsDir: input.datasetsDir,
  });
  return {
    slug: definition.slug,
    version: current.version.version,
    created: current.version.version !== existing?.version.version,
    baselinesQueued: baselines.queued,
  };
}
