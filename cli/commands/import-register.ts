import type { BenchmarkDefinition } from "@/db/queries/benchmarks";
import type { BundleStore } from "@/lib/storage";

/**
 * After an import, with a database: creates the benchmarks (a folder import's `definition`, or the standard
 * benchmarks of every complete imported store) and queues the baselines that fit each one through the seeder's
 * queueBaselines, so they are scored as soon as a worker runs rather than after the next `heldout start`.
 * Idempotent: a benchmark already there gains no version and a baseline already on it is not submitted again.
 */
export async function registerImport(input: {
  databaseUrl: string;
  datasetsDir: string;
  definition?: BenchmarkDefinition;
  /** Where baseline bundles are stored; default: the configured store. */
  store: BundleStore;
  log: (line: string) => void;
}): Promise<{ registered: string[]; queued: string[] }> {
  const { databaseUrl, datasetsDir, definition, log } = input;
  // Loaded here: the command's usage and argument errors need no database code.
  const [
    { openDatabase },
    { registerImportedBenchmarks },
    { DEFAULT_PHASE, queueBaselines },
    { ensurePhase },
    { upsertBenchmark },
    { createQueue },
  ] = await Promise.all([
    import("@/db/client"),
    import("@/benchmarks/builtin/register-imported"),
    import("@/lib/seed/seed"),
    import("@/db/queries/benchmarks"),
    import("@/lib/benchmark-versions"),
    import("@/lib/queue"),
  ]);
  const database = openDatabase(databaseUrl, { max: 2 });
  try {
    const registered: string[] = [];
    if (definition) {
      const { benchmark } = await upsertBenchmark(database.db, definition);
      await ensurePhase(database.db, benchmark.id, { ...DEFAULT_PHASE });
      registered.push(benchmark.slug);
    } else {
      const result = await registerImportedBenchmarks({ db: database.db, datasetsDir, phase: { ...DEFAULT_PHASE } });
      registered.push(...result.registered);
      for (const line of result.skipped) log(line);
    }
    if (registered.length === 0) return { registered, queued: [] };
    log(`Benchmarks ready: ${registered.join(", ")}`);
    const queue = await createQueue({
      url: databaseUrl,
      db: database.db,
      onError: (error) => log(`queue: ${error instanceof Error ? error.message : String(error)}`),
    });
    const queued: string[] = [];
    try {
      for (const slug of registered) {
        try {
          queued.push(
            ...(await queueBaselines({ db: database.db, queue, store: input.store, slug, datasetsDir })).queued,
          );
        } catch (error) {
          throw new Error(
            `${slug} was created but its baselines could not be queued (the next \`heldout start\` tries again): ${(error as Error).message}`,
            { cause: error },
          );
        }
      }
    } finally {
      await queue.stop();
    }
    log(
      queued.length > 0
        ? `Baselines queued for evaluation: ${queued.join(", ")}`
        : "Baselines: none to queue (each one that fits is already there)",
    );
    return { registered, queued };
  } finally {
    await database.close();
  }
}
