import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { phases } from "@/db/schema";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let entryId: string;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db, { phase: { revealAt: new Date(Date.now() + 86_400_000) } });
  const user = await createUser(ctx.db);
  const entry = await insertFinishedSubmission(ctx.db, {
    fixture,
    user,
    name: "=cmd|evil",
    wallMs: 4200,
    episodes: {
      public: [
        { accuracy: 0.6, nll: 1.1 },
        { accuracy: 0.8, nll: 0.7 },
      ],
      private: [{ accuracy: 0.4, nll: 1.5 }],
    },
  });
  entryId = entry.id;
  await insertFinishedSubmission(ctx.db, {
    fixture,
    user,
    visibility: "private",
    episodes: { public: [{ accuracy: 0.99 }] },
  });
});
after(async () => ctx.close());

async function get(dataset: string, format: "json" | "csv" = "json") {
  const slug = fixture.benchmark.slug;
  return GET(new Request(`http://localhost/api/benchmarks/${slug}/data/${dataset}?format=${format}`), {
    params: Promise.resolve({ slug, dataset }),
  });
}

test("results before the reveal: public episodes of public entries only, in the documented long CSV form", async () => {
  const json = await (await get("results")).json();
  assert.equal(json.schema, "heldout.results/1");
  assert.deepEqual(json.partitions, ["public"]);
  assert.deepEqual(
    json.rows.map((r: { submissionId: string; index: number }) => [r.submissionId, r.index]),
    [
      [entryId, 0],
      [entryId, 1],
    ],
  );

  const response = await get("results", "csv");
  assert.match(response.headers.get("content-type") ?? "", /text\/csv/);
  const lines = (await response.text()).trim().split("\n");
  assert.equal(lines[0], "submission_id,benchmark_version,partition,task,index,metric,value,reevaluation_of");
  assert.deepEqual(lines.slice(1), [
    `${entryId},1,public,,0,accuracy,0.6,`,
    `${entryId},1,public,,0,nll,1.1,`,
    `${entryId},1,public,,1,accuracy,0.8,`,
    `${entryId},1,public,,1,nll,0.7,`,
  ]);
});

test("after the reveal the private episodes are included", async () => {
  await ctx.db
    .update(phases)
    .set({ revealAt: new Date(Date.now() - 1000) })
    .where(eq(phases.id, fixture.phase.id));
  const json = await (await get("results")).json();
  assert.deepEqual(json.partitions, ["public", "private"]);
  assert.deepEqual(
    json.rows.map((r: { partition: string }) => r.partition),
    ["public", "public", "private"],
  );
});

test("entries: method card and compute (backend, wall time); a formula-like name is defused in CSV", async () => {
  const json = await (await get("entries")).json();
  assert.equal(json.entries.length, 1);
  assert.deepEqual(json.entries[0].compute, {
    wallMs: 4200,
    backends: ["wasm"],
    evaluatorVersions: ["test"],
    units: 1,
  });
  assert.equal(json.entries[0].modelFormat, "tfjs");
  assert.equal(json.entries[0].model, undefined, "the format, not the bundle's file name");
  const csv = await (await get("entries", "csv")).text();
  const [header, row] = csv.trim().split("\n");
  assert.ok(header!.startsWith("submission_id,name,entrant,kind,baseline,benchmark_version"));
  assert.ok(row!.startsWith(`${entryId},'=cmd|evil,`), row);
  assert.ok(header!.endsWith(",reevaluation_of,model_format"), header);
  assert.ok(row!.endsWith(",test,wasm,4200,1,,tfjs"), row);
});

test("an unknown dataset or benchmark is a 404 with the reason", async () => {
  const response = await get("everything");
  assert.equal(response.status, 404);
  assert.match((await response.json()).error.message, /'results', 'entries', 'seeds', 'reported'/);
  const missing = await GET(new Request("http://localhost/api/benchmarks/nope/data/results"), {
    params: Promise.resolve({ slug: "nope", dataset: "results" }),
  });
  assert.equal(missing.status, 404);
});
