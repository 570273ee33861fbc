import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import { test } from "node:test";
import busboy from "busboy";
import { checkBundle } from "@/evaluator/bundle";
import { layersModelFiles, learnerFiles } from "@/testing/bundles/bundle-files";
import { scratchDir } from "@/testing/bundles/scratch";
import { rawTarGz } from "@/testing/bundles/tar-bytes";
import { main } from "./heldout";
import { captureIo } from "@/testing/cli/capture-io";
import { sendJson, startHttpServer } from "@/testing/cli/http-server";
import { runBin } from "@/testing/cli/run-bin";
import { writeTree } from "@/testing/files";

type Received = {
  headers: http.IncomingHttpHeaders;
  bodyBytes: number;
  fields: Record<string, string>;
  file: Buffer;
  filename: string;
  mimeType: string;
};

/** Reads a multipart upload the way the site does (busboy), keeping everything for the assertions. */
function receive(req: http.IncomingMessage): Promise<Received> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let filename = "";
    let mimeType = "";
    let bodyBytes = 0;
    req.on("data", (c: Buffer) => (bodyBytes += c.length));
    const parser = busboy({ headers: req.headers });
    parser.on("field", (name, value) => (fields[name] = value));
    parser.on("file", (_name, stream, info) => {
      filename = info.filename ?? "";
      mimeType = info.mimeType;
      stream.on("data", (c: Buffer) => chunks.push(c));
    });
    parser.on("close", () =>
      resolve({ headers: req.headers, bodyBytes, fields, file: Buffer.concat(chunks), filename, mimeType }),
    );
    parser.on("error", reject);
    req.pipe(parser);
  });
}

const TOKEN = "hld_test_token_0123456789";

/** A stand-in for the site's upload and submission routes that records what it receives. */
async function fakeSite(options: { statuses?: string[]; failure?: string } = {}) {
  const uploads: Received[] = [];
  let requests = 0;
  let polls = 0;
  const server = await startHttpServer(async (req, res) => {
    requests += 1;
    if (req.headers.authorization !== `Bearer ${TOKEN}`)
      return sendJson(res, 401, {
        error: { code: "invalid_token", message: "The API token is invalid or has been revoked." },
      });
    if (req.method === "POST" && req.url === "/api/submissions") {
      uploads.push(await receive(req));
      return sendJson(res, 201, { id: "sub_1" });
    }
    if (req.method === "GET" && req.url === "/api/submissions/sub_1") {
      const statuses = options.statuses ?? ["queued", "running", "scored"];
      const status = statuses[Math.min(polls++, statuses.length - 1)]!;
      const scored = status === "scored";
      return sendJson(res, 200, {
        id: "sub_1",
        name: "uniform",
        kind: "learner",
        status,
        createdAt: "2026-01-01T00:00:00.000Z",
        benchmark: { slug: "glyphs", title: "Glyphs" },
        entrant: "ada",
        units: [{ key: "public", partition: "public", status: scored ? "done" : "pending", progress: null }],
        compute: [],
        scores: scored
          ? [{ partition: "public", metric: "accuracy", value: 0.2, ciLow: 0.19, ciHigh: 0.21, n: 600 }]
          : [],
        failure: status === "failed" ? { kind: "user", reason: options.failure ?? "" } : undefined,
      });
    }
    sendJson(res, 404, { error: { code: "not_found", message: "No such route." } });
  });
  return { ...server, uploads, requests: () => requests };
}

async function cli(argv: string[]) {
  const c = captureIo();
  const code = await main(argv, c.io);
  return { code, out: c.out(), err: c.err() };
}

test("submit sends the archive as multipart (benchmark, name, bundle) with the bearer token and prints the id", async () => {
  const scratch = scratchDir();
  const site = await fakeSite();
  try {
    const archive = path.join(scratch.dir, "uniform.tar.gz");
    fs.writeFileSync(archive, rawTarGz(Object.entries(learnerFiles()).map(([p, body]) => ({ path: p, body }))));
    const r = await cli([
      "submit",
      archive,
      "--benchmark",
      "glyphs",
      "--name",
      'My "uniform" run',
      "--url",
      site.url,
      "--token",
      TOKEN,
    ]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, "sub_1\n");
    assert.match(r.err, /^Bundle OK: uniform \(fewshot\/learner\), 2 files, \d+ bytes archive, sha256 [0-9a-f]{12}\n/);
    assert.match(r.err, /Uploading \[#{30}\] 100% /);
    assert.match(r.err, new RegExp(`Submitted to glyphs: ${site.url}/submissions/sub_1\\n$`));

    assert.equal(site.uploads.length, 1);
    const got = site.uploads[0]!;
    assert.match(String(got.headers["content-type"]), /^multipart\/form-data; boundary=----heldout[0-9a-f]{24}$/);
    assert.equal(Number(got.headers["content-length"]), got.bodyBytes, "Content-Length is the exact body size");
    assert.deepEqual(got.fields, { benchmark: "glyphs", name: 'My "uniform" run' });
    assert.equal(got.filename, "uniform.tar.gz");
    assert.equal(got.mimeType, "application/octet-stream");
    assert.equal(
      crypto.createHash("sha256").update(got.file).digest("hex"),
      crypto.createHash("sha256").update(fs.readFileSync(archive)).digest("hex"),
    );
  } finally {
    await site.close();
    scratch.remove();
  }
});

test("submit of a directory uploads a .tar.gz the server's own check accepts", async () => {
  const scratch = scratchDir();
  const site = await fakeSite();
  try {
    const dir = writeTree(path.join(scratch.dir, "embed"), layersModelFiles());
    const r = await cli(["submit", dir, "--benchmark", "glyphs", "--url", site.url, "--token", TOKEN]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /\(packed from the directory\)/);
    const got = site.uploads[0]!;
    assert.equal(got.filename, "tiny-embedding.tar.gz");
    assert.equal(got.fields.name, undefined, "no name field unless --name is given");
    const upload = path.join(scratch.dir, "received.tar.gz");
    fs.writeFileSync(upload, got.file);
    const checked = await checkBundle({ path: upload });
    assert.deepEqual(
      checked.files.map((f) => f.path),
      ["heldout.json", "model/group1-shard1of1.bin", "model/model.json"],
    );
  } finally {
    await site.close();
    scratch.remove();
  }
});

test("an invalid bundle is refused locally with the validator's message, and nothing is sent", async () => {
  const scratch = scratchDir();
  const site = await fakeSite();
  try {
    const dir = writeTree(path.join(scratch.dir, "bad"), learnerFiles({ options: 1, kind: "embedding" }));
    const r = await cli(["submit", dir, "--benchmark", "glyphs", "--url", site.url, "--token", TOKEN]);
    assert.equal(r.code, 1);
    assert.match(r.err, /^heldout\.json: /);
    assert.equal(site.requests(), 0);
  } finally {
    await site.close();
    scratch.remove();
  }
});

test("the server's JSON error message is printed and the exit status is 1", async () => {
  const scratch = scratchDir();
  const site = await fakeSite();
  try {
    const dir = writeTree(path.join(scratch.dir, "b"), learnerFiles());
    const r = await cli(["submit", dir, "--benchmark", "glyphs", "--url", site.url, "--token", "wrong-token"]);
    assert.equal(r.code, 1);
    assert.match(r.err, /\nThe API token is invalid or has been revoked\.\n$/);
  } finally {
    await site.close();
    scratch.remove();
  }
});

test("a server that refuses the upload early (413) is heard, without sending the rest", async () => {
  const scratch = scratchDir();
  let received = 0;
  const site = await startHttpServer((req, res) => {
    req.on("data", (c: Buffer) => (received += c.length));
    sendJson(res, 413, {
      error: { code: "bundle_too_large", message: "The bundle is larger than the 1 MiB limit of this server." },
    });
  });
  try {
    const dir = writeTree(path.join(scratch.dir, "big"), {
      ...learnerFiles(),
      "data.bin": crypto.randomBytes(24 * 1024 * 1024),
    });
    const r = await cli(["submit", dir, "--benchmark", "glyphs", "--url", site.url, "--token", TOKEN]);
    assert.equal(r.code, 1);
    assert.match(r.err, /\nThe bundle is larger than the 1 MiB limit of this server\.\n$/);
    assert.ok(received < 24 * 1024 * 1024, `the upload stopped early (${received} bytes reached the server)`);
  } finally {
    await site.close();
    scratch.remove();
  }
});

test("--wait follows the submission until scored and prints its scores", async () => {
  const scratch = scratchDir();
  const site = await fakeSite({ statuses: ["queued", "running", "scored"] });
  try {
    const dir = writeTree(path.join(scratch.dir, "b"), learnerFiles());
    const r = await cli([
      "submit",
      dir,
      "--benchmark",
      "glyphs",
      "--url",
      site.url,
      "--token",
      TOKEN,
      "--wait",
      "--interval",
      "0.1",
    ]);
    assert.equal(r.code, 0, r.err);
    const bar = (filled: number, percent: string, done: number) =>
      `Evaluating \\[#{${filled}}\\.{${30 - filled}}\\] +${percent}% {2}${done} \\/ 1 units done\n`;
    assert.match(r.err, new RegExp(`\nqueued\n${bar(0, "0", 0)}running\nscored\n${bar(30, "100", 1)}$`));
    assert.match(r.out, /^sub_1\npartition +metric +value \[95% CI\] +n\n/);
    assert.match(r.out, /public +accuracy +0\.200 \[0\.190, 0\.210\] +600\n$/);
  } finally {
    await site.close();
    scratch.remove();
  }
});

test("--wait on a failed submission prints the reason and exits 1", async () => {
  const scratch = scratchDir();
  const site = await fakeSite({ statuses: ["running", "failed"], failure: "predict() returned NaN" });
  try {
    const dir = writeTree(path.join(scratch.dir, "b"), learnerFiles());
    const r = await cli([
      "submit",
      dir,
      "--benchmark",
      "glyphs",
      "--url",
      site.url,
      "--token",
      TOKEN,
      "--wait",
      "--interval",
      "0.1",
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /Submission failed: predict\(\) returned NaN\n$/);
  } finally {
    await site.close();
    scratch.remove();
  }
});

test("the installed command reads HELDOUT_URL and HELDOUT_TOKEN and runs from any directory", async () => {
  const scratch = scratchDir();
  const site = await fakeSite();
  try {
    writeTree(path.join(scratch.dir, "b"), learnerFiles());
    const result = await runBin(["submit", "b", "--benchmark", "glyphs"], {
      cwd: scratch.dir,
      env: { HELDOUT_URL: site.url, HELDOUT_TOKEN: TOKEN },
    });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, "sub_1\n");
    assert.equal(site.uploads.length, 1);
  } finally {
    await site.close();
    scratch.remove();
  }
});
