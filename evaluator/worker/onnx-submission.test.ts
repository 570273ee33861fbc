import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { listEntryRecords } from "@/db/queries/exports";
import { evaluationAttempts } from "@/db/schema";
import { denseGraph, seededDense } from "@/evaluator/bundle/onnx/onnx-graphs";
import { writeOnnxModel } from "@/evaluator/bundle/onnx/onnx-writer";
import { acceptSubmission } from "@/lib/submissions/accept";
import { createBenchmark as addBenchmark } from "@/testing/platform/fixtures";
import { createUser } from "@/testing/platform/fixtures";
import { createTestPlatform, packFiles, type TestPlatform } from "@/testing/platform/submission-loop";
import { onnxRuntimeDir } from "../sandbox/contents";
import type { RunningWorker } from "@/evaluator/worker";
import { startTestWorker, waitForFinish } from "@/testing/platform/worker";

// Upload → queue → worker → sandbox on ONNX Runtime → scored; each attempt records the engine that ran the model.
let platform: TestPlatform;
let worker: RunningWorker;
let archive: string;

before(async () => {
  platform = await createTestPlatform();
  worker = await startTestWorker(platform, { host: "test-host" });
});

after(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  if (archive) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  await platform?.close();
});

test("an ONNX embedding submission is scored, and its attempts name ONNX Runtime and its version as the engine", async () => {
  const user = await createUser(platform.db, { email: "ada@example.org" });
  const { benchmark } = await addBenchmark(platform.db, { slug: "onnx-loop" });
  const model = writeOnnxModel(
    denseGraph({ shape: [28, 28, 1], layers: [seededDense(784, 16, 1, "relu"), seededDense(16, 8, 2)] }),
  );
  const manifest = { name: "onnx-embedding", track: "fewshot", kind: "embedding", model: "model.onnx" };
  const upload = await packFiles({ "heldout.json": JSON.stringify(manifest), "model.onnx": model });
  archive = upload.path;
  const { submissionId } = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user,
    benchmarkSlug: "onnx-loop",
    upload,
  });
  const row = await waitForFinish(platform, submissionId, "the submission to finish");
  assert.equal(row.status, "scored", `failed: ${row.failureReason}`);
  const version = JSON.parse(fs.readFileSync(path.join(onnxRuntimeDir()!, "package.json"), "utf8")).version as string;
  const attempts = await platform.db
    .select()
    .from(evaluationAttempts)
    .where(eq(evaluationAttempts.submissionId, submissionId));
  assert.deepEqual(
    attempts.map((a) => [a.status, a.backend, a.gpu]),
    attempts.map(() => ["succeeded", `onnxruntime-cpu ${version}`, null]),
  );
  const [entry] = await listEntryRecords(platform.db, { benchmarkId: benchmark.id, publicCutoff: null });
  assert.equal(entry?.model, "model.onnx");
  assert.deepEqual(entry?.compute.backends, [`onnxruntime-cpu ${version}`]);
});
