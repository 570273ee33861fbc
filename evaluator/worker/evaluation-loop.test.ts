import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { getLeaderboard } from "@/lib/ranking";
import { aggregates, evaluationAttempts, evaluationUnits, results } from "@/db/schema";
import { acceptSubmission } from "@/lib/submissions/accept";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { EVALUATOR_VERSION } from "../version";
import type { RunningWorker } from "@/evaluator/worker";
import { tinyEmbeddingFiles } from "@/testing/models/tiny-models";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { startTestWorker, waitForFinish } from "@/testing/platform/worker";

// Upload → queue → worker → sandbox → results → aggregates → leaderboard, for both few-shot kinds.
let platform: TestPlatform;
let worker: RunningWorker;
const archives: string[] = [];

before(async () => {
  platform = await createTestPlatform();
  worker = await startTestWorker(platform, { host: "test-host" });
});

after(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  await platform?.close();
});

test("an embedding and a learner submission are evaluated, scored and ranked", async () => {
  const user = await createUser(platform.db, { email: "ada@example.org" });
  const { benchmark, version } = await createBenchmark(platform.db, { slug: "loop" });
  const uploads = [
    await packFiles(await tinyEmbeddingFiles("tiny-embedding")),
    await packFiles(learnerFiles("uniform", UNIFORM_LEARNER)),
  ];
  archives.push(...uploads.map((u) => u.path));
  const ids: string[] = [];
  for (const upload of uploads) {
    ids.push(
      (
        await acceptSubmission({
          db: platform.db,
          queue: platform.queue,
          store: platform.store,
          user,
          benchmarkSlug: "loop",
          upload,
        })
      ).submissionId,
    );
  }

  for (const id of ids) {
    const row = await waitForFinish(platform, id);
    assert.equal(row.status, "scored", `submission ${row.name} failed: ${row.failureReason}`);

    const units = await platform.db.select().from(evaluationUnits).where(eq(evaluationUnits.submissionId, id));
    assert.deepEqual(units.map((u) => [u.key, u.status]).sort(), [
      ["private", "done"],
      ["public", "done"],
    ]);
    const rows = await platform.db.select().from(results).where(eq(results.submissionId, id));
    const spec = version.spec;
    assert.equal(spec.track, "fewshot");
    assert.equal(rows.filter((r) => r.partition === "public").length, spec.partitions.public.episodes);
    assert.equal(rows.filter((r) => r.partition === "private").length, spec.partitions.private.episodes);
    for (const r of rows) assert.ok(r.metrics.accuracy! >= 0 && r.metrics.accuracy! <= 1);

    const attempts = await platform.db.select().from(evaluationAttempts).where(eq(evaluationAttempts.submissionId, id));
    assert.equal(attempts.length, 2);
    for (const a of attempts) {
      assert.equal(a.status, "succeeded");
      assert.equal(a.evaluatorVersion, EVALUATOR_VERSION);
      assert.equal(a.host, "test-host");
      assert.ok(a.backend && ["tensorflow", "wasm", "cpu"].includes(a.backend), `backend recorded: ${a.backend}`);
    }
    const aggs = await platform.db.select().from(aggregates).where(eq(aggregates.submissionId, id));
    for (const partition of ["public", "private"] as const) {
      const accuracy = aggs.find((a) => a.partition === partition && a.metric === "accuracy");
      assert.ok(accuracy, `accuracy aggregate for ${partition}`);
      assert.equal(accuracy.n, spec.partitions[partition].episodes);
      const mean =
        rows.filter((r) => r.partition === partition).reduce((s, r) => s + r.metrics.accuracy!, 0) / accuracy.n;
      assert.ok(Math.abs(accuracy.value - mean) < 1e-9, "the aggregate is the mean of the stored episodes");
    }
  }

  const board = await getLeaderboard(platform.db, {
    benchmarkId: benchmark.id,
    versionId: version.id,
    partition: "public",
    mode: "all",
    primary: { name: "accuracy", higherIsBetter: true },
  });
  assert.deepEqual(board.map((r) => r.submissionId).sort(), [...ids].sort());
  for (const row of board) assert.ok(row.metrics.accuracy, "each leaderboard row has its accuracy");
});
