import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { addReportedResult } from "@/lib/reported-results/reported-results";
import { sampleReportedResult } from "@/testing/specs/reported-result";
import { toCsv } from "@/lib/http/csv";
import { DATASET_COLUMNS, loadOpenData } from "./open-data";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { startRouteTest } from "@/testing/platform/route-handlers";

// The open data carries a benchmark's published results as their own dataset, never mixed into the entries.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let reportedId: string;

before(async () => {
  ctx = await startRouteTest();
  const owner = await createUser(ctx.db, { role: "organizer" });
  fixture = await createBenchmark(ctx.db, { owner });
  await insertFinishedSubmission(ctx.db, { fixture, user: owner, name: "evaluated" });
  const result = sampleReportedResult({
    method: '=HYPERLINK("http://evil")',
    numbers: [
      { metric: "accuracy", value: "96.0", plusMinus: "0.3", unit: "percent" },
      { metric: "IQM HNS", value: "1.045", unit: "plain" },
    ],
    plusMinusMeans: "95% confidence interval over tasks",
  });
  reportedId = (await addReportedResult(ctx.db, { actor: owner, benchmark: fixture.benchmark, result })).id;
});
after(async () => ctx.close());

test("JSON: each result whole, with its BibTeX; the entries dataset does not list it", async () => {
  const data = await loadOpenData({ slug: fixture.benchmark.slug, dataset: "reported", viewer: undefined });
  const reported = data.json.reported as { id: string; paper: { bibtex: string }; shipped: boolean }[];
  assert.equal(data.json.schema, "heldout.reported/1");
  assert.deepEqual(
    reported.map((r) => [r.id, r.shipped]),
    [[reportedId, false]],
  );
  assert.match(reported[0]!.paper.bibtex, /^@inproceedings\{snell2017prototypical,/);
  const entries = await loadOpenData({ slug: fixture.benchmark.slug, dataset: "entries", viewer: undefined });
  assert.deepEqual(
    (entries.json.entries as { name: string }[]).map((e) => e.name),
    ["evaluated"],
  );
});

test("CSV: one line per number, digits as printed, a formula-like method defused", async () => {
  const data = await loadOpenData({ slug: fixture.benchmark.slug, dataset: "reported", viewer: undefined });
  const [header, ...lines] = toCsv(
    DATASET_COLUMNS.reported.map((c) => c.name),
    data.csvRows,
  )
    .trim()
    .split("\n");
  assert.equal(
    header,
    "reported_id,method,metric,value,plus_minus,unit,plus_minus_means," +
      "paper_title,paper_url,table,reported_from,protocol,shipped",
  );
  assert.equal(lines.length, 2);
  assert.ok(lines[0]!.startsWith(`${reportedId},"'=HYPERLINK(""http://evil"")",accuracy,96.0,0.3,percent,`), lines[0]);
  assert.ok(lines[1]!.includes(",IQM HNS,1.045,,plain,"), lines[1]);
  assert.ok(lines[1]!.endsWith(",false"), lines[1]);
});

test("an unknown benchmark's published results are a 404 like its other data", async () => {
  await assert.rejects(loadOpenData({ slug: "nope", dataset: "reported", viewer: undefined }), { status: 404 });
});
