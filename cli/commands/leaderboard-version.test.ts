import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { GET } from "@/app/api/benchmarks/[slug]/leaderboard/route";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { submissions } from "@/db/schema";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { main } from "../heldout";
import { captureIo } from "@/testing/cli/capture-io";
import { startHttpServer } from "@/testing/cli/http-server";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

// `heldout leaderboard --version N` against the site's own leaderboard route and a real database: v1 stays as it
// was ranked, v2 (the latest) shows the re-evaluation with where it comes from.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let site: Awaited<ReturnType<typeof startHttpServer>>;
let slug: string;
const seen: string[] = [];

before(async () => {
  ctx = await startRouteTest();
  const v1 = await createBenchmark(ctx.db);
  slug = v1.benchmark.slug;
  const [ann, ben] = [await createUser(ctx.db), await createUser(ctx.db)];
  const alpha = await insertFinishedSubmission(ctx.db, {
    fixture: v1,
    user: ann,
    name: "alpha",
    accuracy: { public: 0.7, private: 0.7 },
  });
  await insertFinishedSubmission(ctx.db, {
    fixture: v1,
    user: ben,
    name: "beta",
    accuracy: { public: 0.6, private: 0.6 },
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
  const copy = await insertFinishedSubmission(ctx.db, {
    fixture: { ...v1, version: v2.version },
    user: ann,
    name: "alpha",
    accuracy: { public: 0.55, private: 0.5 },
  });
  await ctx.db.update(submissions).set({ reevaluationOf: alpha.id }).where(eq(submissions.id, copy.id));

  site = await startHttpServer(async (req, res) => {
    seen.push(req.url!);
    const url = new URL(req.url!, "http://localhost");
    const routeSlug = decodeURIComponent(url.pathname.split("/")[3] ?? "");
    const response = await GET(new Request(url), { params: Promise.resolve({ slug: routeSlug }) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
});
after(async () => {
  await site?.close();
  await ctx?.close();
});

async function cli(argv: string[]) {
  const c = captureIo();
  const code = await main(["leaderboard", slug, "--url", site.url, ...argv], c.io);
  return { code, out: c.out(), err: c.err() };
}

test("without --version: the latest version, named as such, with the re-evaluation marked", async () => {
  const r = await cli([]);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    new RegExp(`^Benchmark \\d+ \\(${slug}\\), version 2 \\(latest\\), public partition, best entry per team\\n\\n`),
  );
  assert.match(r.out, /1\s+1\s+\S+\s+alpha \(re-evaluated from v1\)\s+embedding\s+55\.00%/);
  assert.doesNotMatch(r.out, /beta/);
  assert.equal(seen.at(-1), `/api/benchmarks/${slug}/leaderboard?partition=public&mode=best&format=json`);
});

test("--version 1: the old leaderboard as it was ranked, saying which version is the latest", async () => {
  const r = await cli(["--version", "1"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /, version 1 \(latest is 2\), public partition/);
  assert.match(r.out, /1\s+1\s+\S+\s+alpha\s+embedding\s+70\.00%/);
  assert.match(r.out, /2\s+\d\s+\S+\s+beta\s+embedding\s+60\.00%/);
  assert.doesNotMatch(r.out, /re-evaluated/);
  assert.equal(seen.at(-1), `/api/benchmarks/${slug}/leaderboard?partition=public&mode=best&version=1&format=json`);
});

test("--version with --format csv and json asks the server for that version", async () => {
  const csv = await cli(["--version", "1", "--format", "csv"]);
  assert.equal(csv.code, 0, csv.err);
  assert.equal(csv.out.trim().split("\n").length, 3, "a header and the two v1 entries");
  const json = await cli(["--version", "1", "--format", "json"]);
  assert.equal(JSON.parse(json.out).benchmark.version, 1);
});

test("a version the benchmark does not have prints the server's reason, exit 1", async () => {
  const r = await cli(["--version", "7"]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `'${slug}' has no version 7; its latest is v2.\n`);
});

test("a --version that is not a version number is a usage error naming it, exit 2, nothing sent", async () => {
  const before = seen.length;
  for (const bad of ["0", "latest", "1.5", "-1"]) {
    const r = await cli([`--version=${bad}`]);
    assert.equal(r.code, 2, bad);
    assert.match(
      r.err,
      new RegExp(
        `^--version must be a version number \\(1, 2, \\.\\.\\.\\), got '${bad.replace(".", "\\.")}'\\.\\n\\nUsage: heldout leaderboard <benchmark-slug> \\[--version N\\]`,
      ),
    );
  }
  assert.equal(seen.length, before);
});
