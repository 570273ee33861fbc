import { importers, type ImportProgress, type StoreIndex } from "@/benchmarks/datasets";
import { importFolderBenchmark } from "@/benchmarks/datasets/folder/import";
import type { BenchmarkDefinition } from "@/db/queries/benchmarks";
import { getConfig, type Config } from "@/lib/config";
import { openBundleStore } from "@/lib/storage";
import { parseCommand, UsageError } from "../args";
import { stageBars } from "../progress";
import { processIo, type Io } from "../io";
import { registerImport } from "./import-register";

export const USAGE = `Usage: heldout import <omniglot|cifar100|folder> <path> [--subset] [--datasets DIR]

Datasets:
  omniglot  <path>: a folder holding images_background and images_evaluation, each the official .zip or its
            extracted folder (github.com/brendenlake/omniglot, python/)
  cifar100  <path>: cifar-100-binary.tar.gz or cifar-100-python.tar.gz, or the folder extracted from either
            (www.cs.toronto.edu/~kriz/cifar.html); gives CIFAR-FS and FC100
  folder    <path>: an organizer's benchmark.yaml naming an image folder (one sub-folder of PNGs per class), a
            split file and the protocol; creates that benchmark

Checks the published checksums and counts, preprocesses once into the dataset store (HELDOUT_DATASETS, default
$HELDOUT_HOME/datasets; every worker must see the same directory) and, with DATABASE_URL set, creates the standard
benchmarks at once and queues the baselines that fit them (otherwise the next \`heldout start\` does). All or
nothing: a failed import leaves the store as it was.

  --subset        accept a reduced copy in the official format (other checksums, fewer images); no standard
                  benchmark is created from it
  --datasets DIR  the dataset store to write (default: the configured one)`;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const args = parseCommand(argv, { subset: { type: "boolean" }, datasets: { type: "string" } }, ["dataset", "path"]);
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const [dataset, input] = args.positionals as [string, string];
  const known = [...Object.keys(importers), "folder"];
  if (!known.includes(dataset))
    throw new UsageError(
      `Unknown dataset '${dataset}': expected ${known
        .map((n) => `'${n}'`)
        .join(", ")
        .replace(/, ([^,]*)$/, " or $1")}.`,
    );
  const config = getConfig();
  const datasetsDir = args.values.datasets ?? config.datasetsDir;
  const options = { datasetsDir, subset: args.values.subset ?? false, onProgress: progressPrinter(io) };
  if (dataset === "folder") {
    const { index, definition } = await importFolderBenchmark(input, options);
    io.out(`${summary(index, datasetsDir)}\n`);
    return register(io, config, datasetsDir, definition);
  }
  const index = await importers[dataset]!(input, options);
  io.out(`${summary(index, datasetsDir)}\n`);
  return index.complete ? register(io, config, datasetsDir) : 0;
}

/** With a database, creates the benchmarks now (`definition`: a folder benchmark; else the imported standard ones) and queues their baselines. */
async function register(
  io: Io,
  config: Config,
  datasetsDir: string,
  definition?: BenchmarkDefinition,
): Promise<number> {
  const { databaseUrl } = config;
  if (!databaseUrl) {
    io.out(
      definition
        ? "Set DATABASE_URL and import again to create the benchmark.\n"
        : "Its standard benchmarks are created, and their baselines queued, the next time the platform starts (or import again with DATABASE_URL set).\n",
    );
    return 0;
  }
  await registerImport({
    databaseUrl,
    datasetsDir,
    definition,
    store: openBundleStore(config.storageDir),
    log: (line) => io.out(`${line}\n`),
  });
  return 0;
}

function summary(index: StoreIndex, datasetsDir: string): string {
  const [h, w, c] = index.imageShape;
  const verified = index.sources.filter((s) => s.verified).map((s) => s.name);
  const state = index.complete
    ? index.sources.length > 0
      ? "complete, checksums verified"
      : "complete"
    : `INCOMPLETE (subset or unverified: ${verified.length} of ${index.sources.length} files verified)`;
  return `Imported ${index.name} into ${datasetsDir}/${index.name}: ${index.classes.length} classes, ${index.images} images of ${h}×${w}×${c}, ${state}.`;
}

/** A bar per import stage (checksums in bytes, then images decoded and written: runs take minutes). */
function progressPrinter(io: Io) {
  const bytesStages = new Set<string>();
  const bars = stageBars(io, (stage) => (bytesStages.has(stage) ? { bytes: true } : { noun: "images" }));
  return (progress: ImportProgress) => {
    if (progress.bytes) bytesStages.add(progress.stage);
    bars(progress);
  };
}
