import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
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

// Concurrent uploads racing for the last quota slot: the phase lock lets exactly one through.
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

test("six concurrent uploads for one remaining slot: one is accepted, five get the quota error, nothing orphaned", async () => {
  const user = await createUser(platform.db, { email: "grace@example.org" });
  await createBenchmark(platform.db, { slug: "last-slot", phase: { quotaPerDay: 2 } });
  const accept = () =>
    acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user,
      benchmarkSlug: "last-slot",
      upload,
    });
  await accept(); // the first of two slots

  const outcomes = await Promise.allSettled(Array.from({ length: 6 }, accept));
  const accepted = outcomes.filter((o) => o.status === "fulfilled");
  const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
  assert.equal(accepted.length, 1);
  assert.equal(refused.length, 5);
  for (const { reason } of refused) {
    assert.ok(reason instanceof AppError, String(reason));
    assert.equal(reason.code, "quota_daily");
    assert.match(
      reason.message,
      /^Daily quota reached: 2 of 2 submissions in the last 24 hours; next slot at \d\d:\d\d UTC\.$/,
    );
  }
  // Two submissions, each with its two units (public, private) and one job per unit; one stored bundle (same content).
  assert.deepEqual(await countEverything(platform.db), { submissions: 2, units: 4, jobs: 4 });
  assert.equal(storedFiles(platform.storeDir).length, 1);
});
