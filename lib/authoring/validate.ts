import type { BenchmarkDefinition } from "@/db/queries/benchmarks";
import { atariSpecSchema, fewshotSpecSchema, metaworldSpecSchema, type BenchmarkSpec } from "@/lib/benchmark-spec";
import { summarizeRlSpec } from "@/lib/server/spec-summary";
import { locateIssues, readYamlSource, fieldName, type YamlIssue, type YamlSource } from "@/lib/yaml";
import { authoringDocumentSchema, HEADER_FIELDS, type AuthoringDocument, type FewshotDocument } from "./document";
import { resolveFewshotData, type FieldProblem, type ResolvedFewshotData } from "./fewshot-data";
import { describeLeakage, type LeakageReport } from "./leakage";
import { checkRlLeakage } from "./rl-leakage";

/** A document that validated: the benchmark it defines and the result of its leakage check. */
export type AuthoredBenchmark = {
  /** The YAML text, stored with the version it publishes. */
  source: string;
  definition: BenchmarkDefinition;
  leakage: LeakageReport;
  /** Set when the leakage check failed: the sentence that blocks publishing. */
  leakageProblem?: string;
  /** An authored class split to add to its store before the spec is evaluated (few-shot). */
  register?: ResolvedFewshotData["register"];
};

export type Validation = { ok: true; benchmark: AuthoredBenchmark } | { ok: false; issues: YamlIssue[] };

/**
 * Validates an authored benchmark YAML for any track: the document's fields, then its data (few-shot stores and
 * splits, read from `datasetsDir`), then the track's spec schema and what the data can serve. Every problem is an
 * issue at the line and field it concerns.
 */
export function validateAuthoring(input: { text: string; datasetsDir: string }): Validation {
  const read = readYamlSource(input.text);
  if ("issues" in read) return { ok: false, issues: read.issues };
  const { source } = read;
  if (source.value === null || typeof source.value !== "object" || Array.isArray(source.value)) {
    return {
      ok: false,
      issues: [{ line: 1, field: "", message: "a benchmark spec is a mapping of fields: slug, title, track, ..." }],
    };
  }
  const parsed = authoringDocumentSchema.safeParse(source.value);
  if (!parsed.success) return { ok: false, issues: locateIssues(source, parsed.error) };
  const doc = parsed.data;
  const named = namedPrivateSeeds(doc);
  if (named) return { ok: false, issues: locate(source, [named]) };
  const built = doc.track === "fewshot" ? buildFewshot(doc, input.datasetsDir) : buildRl(doc);
  if ("problems" in built) return { ok: false, issues: locate(source, built.problems) };
  const definition: BenchmarkDefinition = {
    slug: doc.slug,
    title: doc.title,
    track: doc.track,
    summary: doc.summary ?? built.summary,
    about: doc.about ?? built.about,
    synthetic: doc.track === "fewshot" && doc.dataset === "glyphs",
    spec: built.spec,
  };
  return {
    ok: true,
    benchmark: {
      source: input.text,
      definition,
      leakage: built.leakage,
      leakageProblem: describeLeakage(built.leakage),
      register: built.register,
    },
  };
}

type Built = {
  spec: BenchmarkSpec;
  leakage: LeakageReport;
  summary: string;
  about: string;
  register?: ResolvedFewshotData["register"];
};

function buildFewshot(doc: FewshotDocument, datasetsDir: string): Built | { problems: FieldProblem[] } {
  const data = resolveFewshotData(doc, datasetsDir);
  if ("problems" in data) return data;
  const problems: FieldProblem[] = [];
  if ("seed" in doc.partitions.private && doc.partitions.public.seed === doc.partitions.private.seed) {
    problems.push({
      path: ["partitions", "private", "seed"],
      message: "must differ from the public seed, or the private episodes repeat the public ones",
    });
  }
  if (doc.ways > data.capacity.testClasses) {
    problems.push({
      path: ["ways"],
      message: `${doc.ways}-way episodes need ${doc.ways} meta-test classes; this split has ${data.capacity.testClasses}`,
    });
  }
  if (doc.shots + doc.queries > data.capacity.drawers) {
    problems.push({
      path: ["shots"],
      message: `${doc.shots} shots + ${doc.queries} queries need ${doc.shots + doc.queries} images per class; the smallest class has ${data.capacity.drawers}`,
    });
  }
  if (problems.length > 0) return { problems };
  const { ways, shots, queries, partitions, kinds, limits, isolation, replays } = doc;
  const spec = fewshotSpecSchema.safeParse({
    track: "fewshot",
    dataset: data.dataset,
    ways,
    shots,
    queries,
    partitions,
    kinds,
    limits,
    isolation,
    replays,
  });
  if (!spec.success)
    return { problems: spec.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })) };
  const summary = `${ways}-way ${shots}-shot classification on ${doc.dataset}, ${queries} queries per class.`;
  const about = `${data.description}

Protocol: ${ways}-way ${shots}-shot episodes from the meta-test classes only, ${queries} query images per class; ${partitions.public.episodes} public and ${partitions.private.episodes} private episodes, each depending only on its partition's fixed seed and its index. Scores: accuracy mean with the 95% interval mean ± 1.96·s/√n over episodes, NLL, Brier and ECE (15 bins).`;
  return { spec: spec.data, leakage: data.leakage, summary, about, register: data.register };
}

function buildRl(doc: Exclude<AuthoringDocument, FewshotDocument>): Built | { problems: FieldProblem[] } {
  const body = Object.fromEntries(
    Object.entries(doc).filter(([key]) => !(HEADER_FIELDS as readonly string[]).includes(key)),
  );
  // The document carried every spec field; the spec schema adds the checks across fields (disjoint seeds, ML1's task).
  const spec = doc.track === "atari" ? atariSpecSchema.safeParse(body) : metaworldSpecSchema.safeParse(body);
  if (!spec.success) {
    // ML1 without a task: point at the benchmark that asks for it rather than the top of the file.
    const at = (path: (string | number)[]) => (path[0] === "task" && !("task" in body) ? ["benchmark"] : undefined);
    return {
      problems: spec.error.issues.map((i) => ({
        path: i.path as (string | number)[],
        message: i.message,
        at: at(i.path as (string | number)[]),
      })),
    };
  }
  const summary = summarizeRlSpec(spec.data);
  const name =
    spec.data.track === "atari"
      ? `Atari 100K on ${spec.data.games.length} game(s)`
      : `Meta-World ${spec.data.benchmark}${spec.data.task ? ` (${spec.data.task})` : ""}`;
  const about = [
    `${name}. ${summary.tasksLabel}: ${summary.tasks.join(", ")}.`,
    summary.budget.map((b) => `${b.label}: ${b.value}.`).join("\n"),
  ].join("\n\n");
  return {
    spec: spec.data,
    leakage: checkRlLeakage(spec.data),
    summary: `${name}, ${summary.tasks.length} scored ${summary.tasksLabel.toLowerCase()}.`,
    about,
  };
}

/**
 * A new version's private seeds are drawn by the server (lib/private-seeds.ts) and secret until the reveal: an authored
 * document gives only the private partition's size. (Stored versions that name them keep evaluating with them.)
 */
function namedPrivateSeeds(doc: AuthoringDocument): FieldProblem | undefined {
  const secret = "drawn by the server when the version is published and kept secret until the reveal";
  if (doc.track === "fewshot") {
    return "seed" in doc.partitions.private
      ? { path: ["partitions", "private", "seed"], message: `private seeds are ${secret}: give only episodes` }
      : undefined;
  }
  return "seeds" in doc.partitions.private
    ? {
        path: ["partitions", "private", "seeds"],
        message: `private seeds are ${secret}: give the number of runs instead (runs: N)`,
      }
    : undefined;
}

function locate(source: YamlSource, problems: FieldProblem[]): YamlIssue[] {
  return problems.map((p) => ({ line: source.lineOf(p.at ?? p.path), field: fieldName(p.path), message: p.message }));
}
