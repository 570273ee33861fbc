import assert from "node:assert/strict";
import { test } from "node:test";
import { main } from "./heldout";
import { captureIo } from "@/testing/cli/capture-io";
import { sendJson, startHttpServer } from "@/testing/cli/http-server";

// What the server relays is other people's text (names, titles) and submitted code's (its log, its error): the
// CLI prints it without the escape sequences and control characters that would let it act on the terminal
// (clear the screen, retitle the window, hide a line behind a carriage return).
const HOSTILE = "\x1b]0;owned\x07\x1b[2J\x1b[31mred\x1b[0m\0bell\x07\rhidden";

async function cli(argv: string[]) {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

function assertHarmless(text: string) {
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  assert.equal(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(text), false, `no control character left: ${JSON.stringify(text)}`);
  assert.match(text, /red\u2400bell\u2407\nhidden/, "the text itself is still there, its controls made visible");
}

test("status --log, leaderboard and server errors print hostile text harmlessly", async () => {
  const server = await startHttpServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    if (url.pathname === "/api/submissions/s1") {
      return sendJson(res, 200, {
        id: "s1",
        name: HOSTILE,
        kind: "learner",
        status: "failed",
        createdAt: "2026-01-01T00:00:00.000Z",
        benchmark: { slug: "glyphs", title: "Glyphs" },
        entrant: HOSTILE,
        units: [{ key: "public", partition: "public", status: "failed", progress: null }],
        compute: [{ unit: "public", status: "failed", backend: "wasm" }],
        scores: [],
        failure: { kind: "user", reason: HOSTILE },
        log: [{ unit: "public", attempt: "a1", status: "failed", error: HOSTILE, log: HOSTILE }],
      });
    }
    if (url.pathname === "/api/benchmarks/glyphs/leaderboard") {
      return sendJson(res, 200, {
        benchmark: { slug: "glyphs", title: HOSTILE, version: 1, synthetic: true },
        partition: "public",
        mode: "best",
        columns: [{ name: "accuracy", label: "Accuracy", higherIsBetter: true, format: "percent", primary: true }],
        rows: [
          {
            rank: 1,
            tier: 1,
            submissionId: "s1",
            name: HOSTILE,
            kind: "learner",
            entrant: HOSTILE,
            teamId: null,
            isBaseline: false,
            createdAt: "2026-01-01T00:00:00.000Z",
            metrics: {},
          },
        ],
      });
    }
    return sendJson(res, 404, { error: { code: "benchmark_not_found", message: HOSTILE } });
  });
  try {
    const status = await cli(["status", "s1", "--log", "--url", server.url]);
    assert.equal(status.code, 0, status.err);
    assertHarmless(status.out);
    const board = await cli(["leaderboard", "glyphs", "--url", server.url]);
    assert.equal(board.code, 0, board.err);
    assertHarmless(board.out);
    const missing = await cli(["leaderboard", "nope", "--url", server.url]);
    assert.equal(missing.code, 1);
    assertHarmless(missing.err);
  } finally {
    await server.close();
  }
});
