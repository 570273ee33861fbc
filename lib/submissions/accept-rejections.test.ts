import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { denseGraph, seededDense } from "@/evaluator/bundle/onnx/onnx-graphs";
import { writeOnnxModel } from "@/evaluator/bundle/onnx/onnx-writer";
import { getConfig } from "@/lib/config";
import { rawTarGz } from "@/testing/bundles/tar-bytes";
import { AppError } from "../core/errors";
import { acceptSubmission } from "./accept";
import {
  countEverything,
  createTestPlatform,
  learnerFiles,
  packFiles,
  storedFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

// Every refusal of acceptSubmission is a specific AppError and leaves no submission, unit, job or stored file.
let platform: TestPlatform;
let user: Awaited<ReturnType<typeof createUser>>;
let upload: { path: string; bytes: number };

before(async () => {
  platform = await createTestPlatform();
  user = await createUser(platform.db, { email: "ada@example.org" });
  upload = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
  const hour = 3600 * 1000;
  await createBenchmark(platform.db, { slug: "open" });
  await createBenchmark(platform.db, { slug: "embeddings-only", spec: smallFewshotSpec({ kinds: ["embedding"] }) });
  await createBenchmark(platform.db, { slug: "not-yet", phase: { opensAt: new Date(Date.now() + hour) } });
  await createBenchmark(platform.db, {
    slug: "over",
    phase: { opensAt: new Date(Date.now() - 2 * hour), closesAt: new Date(Date.now() - hour) },
  });
  await createBenchmark(platform.db, { slug: "invite", visibility: "invite" });
  await createBenchmark(platform.db, { slug: "one-a-day", phase: { quotaPerDay: 1 } });
  await createBenchmark(platform.db, { slug: "one-ever", phase: { quotaTotal: 1 } });
  // Use up the single slots (these are accepted).
  await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user,
    benchmarkSlug: "one-a-day",
    upload,
  });
  await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user,
    benchmarkSlug: "one-ever",
    upload,
  });
});

after(async () => {
  fs.rmSync(path.dirname(upload.path), { recursive: true, force: true });
  await platform?.close();
});

async function expectRefusal(
  input: {
    benchmarkSlug: string;
    upload?: { path: string; bytes: number };
    teamId?: string;
    name?: string;
    datasetsDir?: string;
  },
  code: string,
  message: RegExp,
) {
  const before = await countEverything(platform.db);
  const filesBefore = storedFiles(platform.storeDir);
  await assert.rejects(
    acceptSubmission({ db: platform.db, queue: platform.queue, store: platform.store, user, upload, ...input }),
    (error: unknown) => {
      assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
      assert.equal(error.code, code);
      assert.match(error.message, message);
      return true;
    },
  );
  assert.deepEqual(await countEverything(platform.db), before, "no row or job may be left behind");
  assert.deepEqual(storedFiles(platform.storeDir), filesBefore, "no file may be stored");
}

test("a file that is not a bundle is refused before anything is written", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-junk-"));
  const junk = path.join(dir, "junk.tar.gz");
  fs.writeFileSync(junk, "this is not an archive");
  try {
    await expectRefusal(
      { benchmarkSlug: "open", upload: { path: junk, bytes: 22 } },
      "bundle_unknown_type",
      /not a \.tar\.gz or \.zip archive/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an ONNX model the checker refuses (here a vendor operator) leaves nothing behind either", async () => {
  const graph = denseGraph({ shape: [28, 28, 1], layers: [seededDense(784, 8, 1)] });
  const vendor = {
    ...graph,
    nodes: graph.nodes.map((n) => (n.op === "Identity" ? { ...n, op: "FusedGemm", domain: "com.microsoft" } : n)),
  };
  const manifest = { name: "onnx", track: "fewshot", kind: "embedding", model: "model.onnx" };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-onnx-"));
  const archive = path.join(dir, "bundle.tar.gz");
  fs.writeFileSync(
    archive,
    rawTarGz([
      { path: "heldout.json", body: JSON.stringify(manifest) },
      { path: "model.onnx", body: Buffer.from(writeOnnxModel(vendor)) },
    ]),
  );
  try {
    await expectRefusal(
      { benchmarkSlug: "open", upload: { path: archive, bytes: fs.statSync(archive).size } },
      "bundle_model_custom_op",
      /operator 'FusedGemm' of domain 'com\.microsoft'/,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an ONNX embedding whose input is not the benchmark's image shape is refused at upload, naming both", async () => {
  const layers = [seededDense(32 * 32 * 3, 8, 1)];
  const manifest = { name: "onnx-cifar", track: "fewshot", kind: "embedding", model: "model.onnx" };
  const upload = await packFiles({
    "heldout.json": JSON.stringify(manifest),
    "model.onnx": writeOnnxModel(denseGraph({ shape: [32, 32, 3], layers })),
  });
  try {
    await expectRefusal(
      { benchmarkSlug: "open", upload, datasetsDir: getConfig().datasetsDir },
      "bundle_model_signature",
      /^model\.onnx: the ONNX model's input is \[batch, 32, 32, 3\]; this benchmark sends images \[batch, 28, 28, 1\]\.$/,
    );
  } finally {
    fs.rmSync(path.dirname(upload.path), { recursive: true, force: true });
  }
});

test("an unknown benchmark", () =>
  expectRefusal({ benchmarkSlug: "nope" }, "benchmark_not_found", /No benchmark named 'nope'/));

test("an invite-only benchmark is invisible to a participant", () =>
  expectRefusal({ benchmarkSlug: "invite" }, "benchmark_not_found", /No benchmark named 'invite'/));

test("a kind the benchmark does not accept", () =>
  expectRefusal(
    { benchmarkSlug: "embeddings-only" },
    "kind_not_allowed",
    /accepts 'embedding' bundles; this one is 'learner'/,
  ));

test("a phase that has not opened", () =>
  expectRefusal({ benchmarkSlug: "not-yet" }, "phase_not_open", /open at \d{4}-\d\d-\d\d \d\d:\d\d UTC/));

test("a phase that has closed", () =>
  expectRefusal({ benchmarkSlug: "over" }, "phase_closed", /closed at \d{4}-\d\d-\d\d \d\d:\d\d UTC/));

test("the daily quota", () =>
  expectRefusal(
    { benchmarkSlug: "one-a-day" },
    "quota_daily",
    /^Daily quota reached: 1 of 1 submissions in the last 24 hours; next slot at \d\d:\d\d UTC\.$/,
  ));

test("the total quota", () =>
  expectRefusal({ benchmarkSlug: "one-ever" }, "quota_total", /Total quota reached: 1 of 1 submissions/));

test("a team the user is not in", async () => {
  const { sql } = await import("drizzle-orm");
  const [team] = await platform.db.execute<{ id: string }>(
    sql`insert into teams (id, name, created_by) values (gen_random_uuid()::text, 'others', ${user.id}) returning id`,
  );
  await expectRefusal({ benchmarkSlug: "open", teamId: team!.id }, "not_team_member", /team you belong to/);
});

test("an empty name", () =>
  expectRefusal({ benchmarkSlug: "open", name: "   " }, "invalid_name", /1 to 100 characters/));

test("a participant's entry never carries the reserved 'baseline' tag; its other tags stay", async () => {
  const { eq } = await import("drizzle-orm");
  const { submissions } = await import("@/db/schema");
  const files = learnerFiles("fake-baseline", UNIFORM_LEARNER);
  files["heldout.json"] = JSON.stringify({
    name: "fake-baseline",
    track: "fewshot",
    kind: "learner",
    entry: "learner.mjs",
    method: { tags: ["baseline", "metric"] },
  });
  const tagged = await packFiles(files);
  try {
    const { submissionId } = await acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user,
      benchmarkSlug: "open",
      upload: tagged,
    });
    const [row] = await platform.db.select().from(submissions).where(eq(submissions.id, submissionId));
    assert.deepEqual(row!.tags, ["metric"]);
    assert.equal(row!.isBaseline, false);
  } finally {
    fs.rmSync(path.dirname(tagged.path), { recursive: true, force: true });
  }
});
