import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import PgBoss from "pg-boss";
import { acceptSubmission } from "./submissions/accept";
import { jobsOf } from "@/testing/platform/reevaluation";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { unitQueueName } from "./queue";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

// Units wait in named queues (track × device); a worker bound to some takes only theirs, and jobs sent before
// queues were named (to the single `evaluate-unit` queue) are still taken.
let platform: TestPlatform;
let upload: { path: string; bytes: number };
before(async () => {
  platform = await createTestPlatform();
  upload = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
});
after(async () => {
  fs.rmSync(path.dirname(upload.path), { recursive: true, force: true });
  await platform?.close();
});

const submit = async (slug: string, email: string) =>
  (
    await acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user: await createUser(platform.db, { email: email }),
      benchmarkSlug: slug,
      upload,
    })
  ).submissionId;

test("each unit goes to its track's and device's queue; bound workers take only theirs", async () => {
  await createBenchmark(platform.db, { slug: "cpu-board" });
  await createBenchmark(platform.db, {
    slug: "gpu-board",
    spec: smallFewshotSpec({ limits: { wallSeconds: 120, memoryMb: 1024, callSeconds: 60, device: "gpu" } }),
  });
  const onCpu = await submit("cpu-board", "cara@example.org");
  const onGpu = await submit("gpu-board", "gus@example.org");

  assert.equal(await platform.queue.claim({ tracks: ["atari", "metaworld"] }), undefined);
  assert.equal(await platform.queue.claim({ benchmarks: ["cpu-board"], devices: ["gpu"] }), undefined);
  const gpuJob = await platform.queue.claim({ devices: ["gpu"] });
  assert.equal(gpuJob?.name, unitQueueName("fewshot", "gpu"));
  assert.equal((gpuJob?.data as { submissionId: string }).submissionId, onGpu);
  const cpuJob = await platform.queue.claim({ tracks: ["fewshot"], devices: ["cpu"], benchmarks: ["cpu-board"] });
  assert.equal(cpuJob?.name, unitQueueName("fewshot", "cpu"));
  assert.equal((cpuJob?.data as { submissionId: string }).submissionId, onCpu);
  for (const job of [gpuJob!, cpuJob!]) await platform.queue.complete(job);
  // The queue's retry keeps the job's queue, priority and expiry.
  const again = await platform.queue.requeue(cpuJob!);
  const copy = await platform.queue.find(again);
  assert.deepEqual(
    { name: copy?.name, priority: copy?.priority, expireInSeconds: copy?.expireInSeconds, state: copy?.state },
    { name: cpuJob!.name, priority: cpuJob!.priority, expireInSeconds: cpuJob!.expireInSeconds, state: "created" },
  );
  await platform.queue.cancelUnits(
    [...(await jobsOf(platform.db, onCpu)), ...(await jobsOf(platform.db, onGpu))].map((j) => j.unit_id),
  );
});

test("a job left in the old single queue by an earlier version is taken by the workers of its track's CPU queue", async () => {
  await createBenchmark(platform.db, { slug: "legacy-board" });
  const submissionId = await submit("legacy-board", "leo@example.org");
  const jobs = [...(await jobsOf(platform.db, submissionId))];
  const unit = jobs[0];
  await platform.queue.cancelUnits(jobs.map((j) => j.unit_id));
  // What the earlier version sent: the same payload, to `evaluate-unit`.
  const boss = new PgBoss({ connectionString: platform.url, schema: "pgboss" });
  boss.on("error", () => {});
  await boss.start();
  const legacyId = await boss.send("evaluate-unit", { v: 1, submissionId, unitId: unit!.unit_id }, { priority: 10 });
  await boss.stop({ graceful: false, wait: true });

  assert.equal(await platform.queue.claim({ tracks: ["atari"] }), undefined);
  assert.equal(await platform.queue.claim({ devices: ["gpu"] }), undefined);
  const taken = await platform.queue.claim({ tracks: ["fewshot"], devices: ["cpu"], benchmarks: ["legacy-board"] });
  assert.equal(taken?.id, legacyId);
  assert.equal(taken?.name, "evaluate-unit");
  await platform.queue.complete(taken!);
  assert.equal((await platform.queue.find(legacyId!))?.state, "completed");
});

test("within a priority the next job is the one of the team with the least compute in flight", async () => {
  await createBenchmark(platform.db, { slug: "fair-claims" });
  const heavyUser = await createUser(platform.db, { email: "hal@example.org" });
  for (let i = 0; i < 5; i++) {
    await acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user: heavyUser,
      benchmarkSlug: "fair-claims",
      upload,
      name: `h${i}`,
    });
  }
  const first = await platform.queue.claim({ benchmarks: ["fair-claims"] });
  const light = await submit("fair-claims", "liz@example.org");
  // The heavy user's ten units were queued first and one of them is running: the light entry goes next.
  const second = await platform.queue.claim({ benchmarks: ["fair-claims"] });
  assert.notEqual((first?.data as { submissionId: string }).submissionId, light);
  assert.equal((second?.data as { submissionId: string }).submissionId, light);
});
