import { z } from "zod";
import { listEntryRecords, listResultRecords, listVersionSecrets } from "@/db/queries/exports";
import type { Db } from "@/db/client";
import type { Partition } from "@/lib/benchmark-spec";
import { getBenchmarkView, partitionVisible, type BenchmarkView } from "./benchmark-view";
import type { Viewer } from "@/lib/benchmark-access";
import { modelFormatOf } from "@/evaluator/protocol/manifest";
import { AppError } from "@/lib/core/errors";
import { episodeSeed, partitionRuns, runSeed } from "@/lib/private-seeds";
import { listReportedResults, type ReportedEntry } from "@/lib/reported-results/reported-results";
import type { CsvValue } from "@/lib/http/csv";
import { getDatabase } from "./context";

/** Version of the open-data schema below; bumped only by changes that would break a reader. */
export const OPEN_DATA_SCHEMA_VERSION = 1;

export const datasetSchema = z.enum(["results", "entries", "seeds", "reported"]);
export type Dataset = z.infer<typeof datasetSchema>;

/** `added`: appended after the schema version's first release (the docs mark it, so older readers know to expect it). */
type Column = { name: string; meaning: string; added?: true };

const REEVALUATION_OF =
  "For a re-evaluation: the submission_id of the entry whose bundle it ran again on a newer benchmark_version; empty for an original submission.";

/**
 * The documented columns of each dataset, in CSV order (the JSON rows carry the same facts, camel-cased and nested
 * as shown on the open-data page). Results are in long form, one metric per line, so new metrics never move a column.
 */
export const DATASET_COLUMNS: Record<Dataset, Column[]> = {
  results: [
    { name: "submission_id", meaning: "The entry (joins entries.submission_id)." },
    { name: "benchmark_version", meaning: "Version of the benchmark spec that produced the row." },
    { name: "partition", meaning: "public or private (private rows appear only after the reveal time)." },
    { name: "task", meaning: "Stratum of the row: an Atari game, a Meta-World task; empty for few-shot." },
    {
      name: "index",
      meaning: "Episode index (few-shot: identical episodes for every entry) or run index within the task.",
    },
    { name: "metric", meaning: "Metric name, e.g. accuracy, nll, ece.count.3 (calibration bin statistics)." },
    { name: "value", meaning: "The metric's value on this episode or run." },
    { name: "reevaluation_of", meaning: REEVALUATION_OF, added: true },
  ],
  entries: [
    { name: "submission_id", meaning: "The entry's id." },
    { name: "name", meaning: "The entry's name." },
    { name: "entrant", meaning: "Team name, or the submitter's name when competing alone." },
    { name: "kind", meaning: "Bundle kind (embedding, learner, ...)." },
    { name: "baseline", meaning: "true for reference entries added by the platform." },
    { name: "benchmark_version", meaning: "Version of the benchmark spec it was evaluated on." },
    { name: "submitted_at", meaning: "ISO 8601 UTC." },
    { name: "finished_at", meaning: "ISO 8601 UTC." },
    { name: "tags", meaning: "Method tags, separated by ';'." },
    { name: "description", meaning: "Method card: description." },
    { name: "paper_url", meaning: "Method card: paper." },
    { name: "code_url", meaning: "Method card: code." },
    { name: "evaluator_versions", meaning: "Evaluator versions that ran it, separated by ';'." },
    {
      name: "backends",
      meaning:
        "Compute backends that ran it (tensorflow, wasm, cpu; onnxruntime-cpu and its version for ONNX models), separated by ';'.",
    },
    { name: "wall_ms", meaning: "Total wall time of the successful evaluation attempts, in milliseconds." },
    { name: "units", meaning: "Number of evaluation units (partitions, games x seeds, tasks) that ran." },
    { name: "reevaluation_of", meaning: REEVALUATION_OF, added: true },
    {
      name: "model_format",
      meaning: "The bundle's model: tfjs or onnx; code for the kinds that submit code (learner, agent).",
      added: true,
    },
  ],
  seeds: [
    {
      name: "benchmark_version",
      meaning: "Version of the benchmark spec (only versions whose private seeds were drawn by this installation).",
      added: true,
    },
    { name: "partition", meaning: "public or private (private rows appear only after the reveal time).", added: true },
    {
      name: "run",
      meaning:
        "Few-shot: empty (one episode seed per partition). RL: the run's place in the partition, 1-based (a private unit key's private-<n>).",
      added: true,
    },
    {
      name: "seed",
      meaning:
        "The environment seed: few-shot episodes are drawn from (seed, index); an RL run resets its environment with it.",
      added: true,
    },
    {
      name: "agent_key",
      meaning:
        "HMAC-SHA256 key (hex) of the seed agents get for their own randomness: the first 4 bytes of HMAC(key, unit key), shifted right by one bit. Private rows only.",
      added: true,
    },
  ],
  reported: [
    { name: "reported_id", meaning: "The published result (a line per number), not evaluated here.", added: true },
    { name: "method", meaning: "The method, as the paper names it.", added: true },
    { name: "metric", meaning: "What the number measures, e.g. accuracy.", added: true },
    { name: "value", meaning: "The number as the paper printed it.", added: true },
    { name: "plus_minus", meaning: "The ± the paper printed with it; empty where it printed none.", added: true },
    { name: "unit", meaning: "percent (98.8 means 98.8%) or plain.", added: true },
    { name: "plus_minus_means", meaning: "What the ± is, e.g. a 95% interval over test episodes.", added: true },
    { name: "paper_title", meaning: "The paper whose table the number is copied from.", added: true },
    { name: "paper_url", meaning: "Its link.", added: true },
    { name: "table", meaning: "The table of that paper (and its version).", added: true },
    { name: "reported_from", meaning: "The paper it is quoted from, if quoted; empty otherwise.", added: true },
    { name: "protocol", meaning: "The paper's protocol and how it differs from this benchmark's.", added: true },
    { name: "shipped", meaning: "true if shipped with the platform, false if the organizers added it.", added: true },
  ],
};

/** Long form: one CSV line per number of each reported result (the JSON keeps each result whole, with its BibTeX). */
function reportedCsvRows(reported: ReportedEntry[]): CsvValue[][] {
  return reported.flatMap((r) =>
    r.numbers.map((n) => [
      ...[r.id, r.method, n.metric, n.value, n.plusMinus, n.unit, r.plusMinusMeans],
      ...[r.paper.title, r.paper.url, r.table, r.reportedFrom, r.protocol, r.shipped],
    ]),
  );
}

type SeedRow = {
  benchmarkVersion: number;
  partition: "public" | "private";
  run: number | null;
  seed: number;
  agentKey: string;
};

export type OpenData = { dataset: Dataset; slug: string; csvRows: CsvValue[][]; json: Record<string, unknown> };

/**
 * One dataset of a benchmark as the viewer may see it: unknown or hidden benchmark → 404; private-partition results
 * only once revealed (the `partitions` field says which are included).
 */
export async function loadOpenData(input: { slug: string; dataset: Dataset; viewer: Viewer }): Promise<OpenData> {
  const { db } = getDatabase();
  const benchmark = await getBenchmarkView(db, { slug: input.slug, viewer: input.viewer });
  if (!benchmark) throw new AppError("benchmark_not_found", `No benchmark named '${input.slug}'.`, 404);
  const head = {
    schema: `heldout.${input.dataset}/${OPEN_DATA_SCHEMA_VERSION}`,
    benchmark: { slug: benchmark.slug, title: benchmark.title, track: benchmark.track, synthetic: benchmark.synthetic },
  };
  if (input.dataset === "entries") return entriesData(db, benchmark, head);
  if (input.dataset === "reported") {
    const reported = await listReportedResults(db, benchmark.id);
    const csvRows = reportedCsvRows(reported);
    return { dataset: input.dataset, slug: benchmark.slug, json: { ...head, reported }, csvRows };
  }
  const partitions = (["public", "private"] as const).filter((p) => partitionVisible(benchmark, p));
  if (input.dataset === "seeds") return seedsData(db, benchmark, head, partitions);
  return resultsData(db, benchmark, head, partitions);
}

/** The `schema` and `benchmark` fields every dataset's JSON starts with. */
type OpenDataHead = { schema: string; benchmark: Pick<BenchmarkView, "slug" | "title" | "track" | "synthetic"> };

async function entriesData(db: Db, benchmark: BenchmarkView, head: OpenDataHead): Promise<OpenData> {
  const records = await listEntryRecords(db, {
    benchmarkId: benchmark.id,
    publicCutoff: benchmark.phase?.publicCutoff ?? null,
  });
  const entries = records.map(({ model, ...e }) => ({
    ...e,
    modelFormat: model === null ? "code" : modelFormatOf(model),
  }));
  return {
    dataset: "entries",
    slug: benchmark.slug,
    json: { ...head, entries },
    csvRows: entries.map((e) => [
      e.submissionId,
      e.name,
      e.entrant,
      e.kind,
      e.isBaseline,
      e.benchmarkVersion,
      e.submittedAt.toISOString(),
      e.finishedAt?.toISOString(),
      e.tags.join(";"),
      e.description,
      e.paperUrl,
      e.codeUrl,
      e.compute.evaluatorVersions.join(";"),
      e.compute.backends.join(";"),
      e.compute.wallMs,
      e.compute.units,
      e.reevaluationOf,
      e.modelFormat,
    ]),
  };
}

async function seedsData(
  db: Db,
  benchmark: BenchmarkView,
  head: OpenDataHead,
  partitions: Partition[],
): Promise<OpenData> {
  const rows = (await listVersionSecrets(db, benchmark.id)).flatMap(({ benchmarkVersion, spec, secrets }) =>
    partitions.flatMap((partition): SeedRow[] => {
      const agentKey = partition === "private" ? secrets.agentKey : "";
      if (spec.track === "fewshot")
        return [{ benchmarkVersion, partition, run: null, seed: episodeSeed(spec, partition, secrets), agentKey }];
      return partitionRuns(spec, partition).map((run, i) => ({
        benchmarkVersion,
        partition,
        run: i + 1,
        seed: runSeed(run, secrets),
        agentKey,
      }));
    }),
  );
  return {
    dataset: "seeds",
    slug: benchmark.slug,
    json: { ...head, partitions, seeds: rows },
    csvRows: rows.map((r) => [r.benchmarkVersion, r.partition, r.run, r.seed, r.agentKey]),
  };
}

async function resultsData(
  db: Db,
  benchmark: BenchmarkView,
  head: OpenDataHead,
  partitions: Partition[],
): Promise<OpenData> {
  const rows = await listResultRecords(db, {
    benchmarkId: benchmark.id,
    partitions,
    publicCutoff: benchmark.phase?.publicCutoff ?? null,
  });
  return {
    dataset: "results",
    slug: benchmark.slug,
    json: { ...head, partitions, rows },
    csvRows: rows.flatMap((r) =>
      Object.entries(r.metrics)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([metric, value]) => [
          r.submissionId,
          r.benchmarkVersion,
          r.partition,
          r.task,
          r.index,
          metric,
          value,
          r.reevaluationOf,
        ]),
    ),
  };
}
