import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { submissions } from "@/db/schema";
import { acceptSubmission } from "./accept";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

// A submission that failed because of the platform gives its quota slot back; one that failed by its own code does not.
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

test("platform failures are not charged, user failures are", async () => {
  const user = await createUser(platform.db, { email: "barbara@example.org" });
  await createBenchmark(platform.db, { slug: "one-slot", phase: { quotaTotal: 1, quotaPerDay: 1 } });
  const accept = () =>
    acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user,
      benchmarkSlug: "one-slot",
      upload,
    });
  const fail = (id: string, failureKind: "platform" | "user") =>
    platform.db.update(submissions).set({ status: "failed", failureKind }).where(eq(submissions.id, id));

  const first = await accept();
  await assert.rejects(accept(), { code: "quota_total" });
  await fail(first.submissionId, "platform");
  const second = await accept();
  await fail(second.submissionId, "user");
  await assert.rejects(accept(), { code: "quota_total" });
});
