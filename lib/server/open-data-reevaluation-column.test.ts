import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { submissions } from "@/db/schema";
import { toCsv } from "@/lib/http/csv";
import { DATASET_COLUMNS, loadOpenData } from "./open-data";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

// A re-evaluation is published as an entry of its own on the new version, naming the original in the last column.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let slug: string;
let original: { id: string };
let copy: { id: string };

before(async () => {
  ctx = await startRouteTest();
  const v1 = await createBenchmark(ctx.db);
  slug = v1.benchmark.slug;
  const user = await createUser(ctx.db);
  original = await insertFinishedSubmission(ctx.db, {
    fixture: v1,
    user,
    name: "alpha",
    episodes: { public: [{ accuracy: 0.6 }] },
  });
  const v2 = await upsertBenchmark(ctx.db, {
    slug,
    title: v1.benchmark.title,
    track: "fewshot",
    summary: "",
    about: "",
    synthetic: true,
    spec: smallFewshotSpec({ queries: 4 }),
  });
  copy = await insertFinishedSubmission(ctx.db, {
    fixture: { ...v1, version: v2.version },
    user,
    name: "alpha",
    episodes: { public: [{ accuracy: 0.5 }] },
  });
  await ctx.db.update(submissions).set({ reevaluationOf: original.id }).where(eq(submissions.id, copy.id));
});
after(async () => ctx.close());

test("both datasets keep the first release's columns first: what was added since (reevaluation_of, then model_format) follows", () => {
  assert.deepEqual(
    DATASET_COLUMNS.results.filter((c) => c.added).map((c) => c.name),
    ["reevaluation_of"],
  );
  assert.deepEqual(
    DATASET_COLUMNS.entries.filter((c) => c.added).map((c) => c.name),
    ["reevaluation_of", "model_format"],
  );
  for (const columns of [DATASET_COLUMNS.results, DATASET_COLUMNS.entries]) {
    const firstAdded = columns.findIndex((c) => c.added);
    assert.ok(
      columns.slice(firstAdded).every((c) => c.added),
      "added columns come after every column of the first release",
    );
  }
});

test("results: each row carries its benchmark version, and a re-evaluation's rows name the original", async () => {
  const data = await loadOpenData({ slug, dataset: "results", viewer: undefined });
  const rows = (
    data.json.rows as { submissionId: string; benchmarkVersion: number; reevaluationOf: string | null }[]
  ).map((r) => [r.submissionId, r.benchmarkVersion, r.reevaluationOf]);
  assert.deepEqual(rows, [
    [original.id, 1, null],
    [copy.id, 2, original.id],
  ]);
  const csv = toCsv(
    DATASET_COLUMNS.results.map((c) => c.name),
    data.csvRows,
  )
    .trim()
    .split("\n");
  assert.deepEqual(csv.slice(1), [
    `${original.id},1,public,,0,accuracy,0.6,`,
    `${copy.id},2,public,,0,accuracy,0.5,${original.id}`,
  ]);
});

test("entries: the re-evaluation is an entry on version 2 naming the original", async () => {
  const data = await loadOpenData({ slug, dataset: "entries", viewer: undefined });
  const entries = (
    data.json.entries as { submissionId: string; benchmarkVersion: number; reevaluationOf: string | null }[]
  ).map((e) => [e.submissionId, e.benchmarkVersion, e.reevaluationOf]);
  assert.deepEqual(entries, [
    [original.id, 1, null],
    [copy.id, 2, original.id],
  ]);
  const column = DATASET_COLUMNS.entries.findIndex((c) => c.name === "reevaluation_of");
  assert.deepEqual(
    data.csvRows.map((r) => [r[0], r[5], r[column]]),
    [
      [original.id, 1, null],
      [copy.id, 2, original.id],
    ],
  );
});
