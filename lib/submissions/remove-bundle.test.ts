import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { checkBundle } from "@/evaluator/bundle";
import { acceptSubmission } from "./accept";
import { removeBundleIfUnreferenced } from "./remove-bundle";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

// Cleaning up a stored bundle after a failed accept never deletes one that a submission points at.
let platform: TestPlatform;
const archives: string[] = [];

before(async () => {
  platform = await createTestPlatform();
});

after(async () => {
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  await platform?.close();
});

test("an unreferenced bundle is removed, a referenced one is kept", async () => {
  const user = await createUser(platform.db, { email: "alan@example.org" });
  await createBenchmark(platform.db, { slug: "cleanup" });
  const kept = await packFiles(learnerFiles("kept", UNIFORM_LEARNER));
  const orphan = await packFiles(learnerFiles("orphan", UNIFORM_LEARNER));
  archives.push(kept.path, orphan.path);
  await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user,
    benchmarkSlug: "cleanup",
    upload: kept,
  });
  const keptSha = (await checkBundle({ path: kept.path })).sha256;
  const orphanSha = (await checkBundle({ path: orphan.path })).sha256;
  await platform.store.put(orphan.path, orphanSha); // as if a commit had failed after the file was written

  assert.equal(await removeBundleIfUnreferenced({ db: platform.db, store: platform.store, sha256: keptSha }), false);
  assert.ok(platform.store.has(keptSha));
  assert.equal(await removeBundleIfUnreferenced({ db: platform.db, store: platform.store, sha256: orphanSha }), true);
  assert.equal(platform.store.has(orphanSha), false);
});
