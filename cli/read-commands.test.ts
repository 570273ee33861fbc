import assert from "node:assert/strict";
import { test } from "node:test";
import { main } from "./heldout";
import { captureIo } from "@/testing/cli/capture-io";
import { sendJson, startHttpServer } from "@/testing/cli/http-server";

async function cli(argv: string[]) {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

const board = {
  benchmark: { slug: "glyphs", title: "Glyphs 5-way 1-shot", version: 1, synthetic: true },
  partition: "public",
  mode: "best",
  columns: [
    { name: "accuracy", label: "Accuracy", higherIsBetter: true, format: "percent", primary: true },
    { name: "nll", label: "NLL", higherIsBetter: false, format: "number", primary: false },
  ],
  rows: [
    {
      rank: 1,
      tier: 1,
      submissionId: "s2",
      name: "protonet",
      kind: "embedding",
      entrant: "ada",
      teamId: null,
      isBaseline: false,
      createdAt: "2026-01-01T00:00:00.000Z",
      metrics: {
        accuracy: { value: 0.9512, ciLow: 0.94, ciHigh: 0.9624, n: 600 },
        nll: { value: 0.2, ciLow: null, ciHigh: null, n: 600 },
      },
    },
    {
      rank: 2,
      tier: 2,
      submissionId: "s1",
      name: "random",
      kind: "learner",
      entrant: "Heldout",
      teamId: null,
      isBaseline: true,
      createdAt: "2026-01-01T00:00:00.000Z",
      metrics: { accuracy: { value: 0.2, ciLow: 0.19, ciHigh: 0.21, n: 600 } },
    },
  ],
};

/** Answers like the site's read routes; records each request's URL and auth header. */
async function site() {
  const seen: { url: string; authorization?: string }[] = [];
  const server = await startHttpServer((req, res) => {
    seen.push({ url: req.url!, authorization: req.headers.authorization });
    const url = new URL(req.url!, "http://x");
    if (url.pathname === "/api/benchmarks/glyphs/leaderboard") {
      if (url.searchParams.get("partition") === "private") {
        return sendJson(res, 403, {
          error: {
            code: "private_not_revealed",
            message: "Private-partition scores of 'glyphs' are hidden until 2026-12-01 12:00 UTC.",
          },
        });
      }
      if (url.searchParams.get("format") === "csv") {
        res.writeHead(200, { "content-type": "text/csv" });
        return res.end("rank,tier,entrant\n1,1,ada\n");
      }
      return sendJson(res, 200, board);
    }
    if (url.pathname === "/api/submissions/s1") {
      return sendJson(res, 200, {
        id: "s1",
        name: "random",
        kind: "learner",
        status: "failed",
        createdAt: "2026-01-01T00:00:00.000Z",
        benchmark: { slug: "glyphs", title: "Glyphs" },
        entrant: "ada",
        units: [{ key: "public", partition: "public", status: "failed", progress: { done: 3, total: 10 } }],
        compute: [{ unit: "public", status: "failed", backend: "wasm" }],
        scores: [],
        failure: { kind: "user", reason: "predict() returned NaN" },
        log: [
          { unit: "public", attempt: "a1", status: "failed", error: "NaN in predictions", log: "loading bundle\n" },
        ],
      });
    }
    if (url.pathname === "/api/benchmarks/nope/leaderboard")
      return sendJson(res, 404, { error: { code: "benchmark_not_found", message: "No benchmark named 'nope'." } });
    res.writeHead(502, "Bad Gateway");
    res.end("<html>bad gateway</html>");
  });
  return { ...server, seen };
}

test("leaderboard prints a table with percent and CI columns, baselines marked", async () => {
  const s = await site();
  try {
    const r = await cli(["leaderboard", "glyphs", "--url", s.url]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Glyphs 5-way 1-shot \(glyphs\), public partition, best entry per team\n\n/);
    assert.match(r.out, /#\s+tier\s+entrant\s+name\s+kind\s+Accuracy \[95% CI\]\s+NLL \[95% CI\]\n/);
    assert.match(r.out, /1\s+1\s+ada\s+protonet\s+embedding\s+95\.12% \[94\.00%, 96\.24%\]\s+0\.200\n/);
    assert.match(r.out, /2\s+2\s+Heldout \(baseline\)\s+random\s+learner\s+20\.00% \[19\.00%, 21\.00%\]\s+-\n$/);
    assert.equal(s.seen[0]!.url, "/api/benchmarks/glyphs/leaderboard?partition=public&mode=best&format=json");
    assert.equal(s.seen[0]!.authorization, undefined, "no token, no auth header");
  } finally {
    await s.close();
  }
});

test("leaderboard --format csv prints the server's CSV as is", async () => {
  const s = await site();
  try {
    const r = await cli([
      "leaderboard",
      "glyphs",
      "--format",
      "csv",
      "--mode",
      "all",
      "--url",
      s.url,
      "--token",
      "tok",
    ]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, "rank,tier,entrant\n1,1,ada\n");
    assert.equal(s.seen[0]!.url, "/api/benchmarks/glyphs/leaderboard?partition=public&mode=all&format=csv");
    assert.equal(s.seen[0]!.authorization, "Bearer tok");
  } finally {
    await s.close();
  }
});

test("leaderboard --format json prints the board as JSON", async () => {
  const s = await site();
  try {
    const r = await cli(["leaderboard", "glyphs", "--format", "json", "--url", s.url]);
    assert.equal(r.code, 0, r.err);
    assert.equal(JSON.parse(r.out).rows.length, 2);
  } finally {
    await s.close();
  }
});

test("the private partition before its reveal prints the server's reason, exit 1", async () => {
  const s = await site();
  try {
    const r = await cli(["leaderboard", "glyphs", "--partition", "private", "--url", s.url]);
    assert.equal(r.code, 1);
    assert.equal(r.err, "Private-partition scores of 'glyphs' are hidden until 2026-12-01 12:00 UTC.\n");
  } finally {
    await s.close();
  }
});

test("an unknown benchmark prints the server's 404 message", async () => {
  const s = await site();
  try {
    const r = await cli(["leaderboard", "nope", "--url", s.url]);
    assert.equal(r.code, 1);
    assert.equal(r.err, "No benchmark named 'nope'.\n");
  } finally {
    await s.close();
  }
});

test("a non-JSON error page is reported by its status line", async () => {
  const s = await site();
  try {
    const r = await cli(["status", "missing", "--url", s.url]);
    assert.equal(r.code, 1);
    assert.equal(r.err, "The server answered 502 Bad Gateway.\n");
  } finally {
    await s.close();
  }
});

test("status shows state, backend, failure reason and, with --log, the log", async () => {
  const s = await site();
  try {
    const r = await cli(["status", "s1", "--log", "--url", s.url, "--token", "tok"]);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^random {2}\(learner, by ada\)\nbenchmark {2}glyphs\nstatus {5}failed, 0\/1 units done\nbackend {4}wasm\nfailure {4}user: predict\(\) returned NaN\n/,
    );
    assert.match(r.out, new RegExp(`page {7}${s.url}/submissions/s1\\n`));
    assert.match(r.out, /No scores yet\.\n/);
    assert.match(r.out, /--- public \(failed\) ---\nloading bundle\n\nNaN in predictions\n$/);
  } finally {
    await s.close();
  }
});
