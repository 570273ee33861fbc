import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { recordModeration } from "@/db/queries/moderation";
import { submissions } from "@/db/schema";
import { acceptSubmission } from "./accept";
import { reevaluateAll } from "./reevaluate";
import { getReevaluationStatus } from "./reevaluation-status";
import { publishNewVersion, removeUpload, submitScoredEntry } from "@/testing/platform/reevaluation";
import { createTestPlatform, packFiles, type TestPlatform } from "@/testing/platform/submission-loop";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { tinyEmbeddingFiles } from "@/testing/models/tiny-models";

// Entries that cannot or must not run on the new version are listed with the reason, and nothing is created for them.
let platform: TestPlatform;
before(async () => (platform = await createTestPlatform()));
after(async () => platform?.close());

test("moderated entries, bundles of a kind the new version refuses and bundles gone from the store are skipped, each with its reason", async () => {
  const slug = "reeval-skips";
  await createBenchmark(platform.db, { slug });
  const organizer = await createUser(platform.db, { email: "olga@example.org", role: "organizer" });
  const user = await createUser(platform.db, { email: "uma@example.org" });
  const kept = await submitScoredEntry(platform, { slug, user, name: "kept" });
  const hidden = await submitScoredEntry(platform, { slug, user, name: "hidden-one" });
  const disqualified = await submitScoredEntry(platform, { slug, user, name: "disqualified-one" });
  const gone = await submitScoredEntry(platform, { slug, user, name: "bundle-gone" });
  const upload = await packFiles(await tinyEmbeddingFiles("an-embedding"));
  const { submissionId: embeddingId } = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user,
    benchmarkSlug: slug,
    upload,
  });
  removeUpload(upload);
  await platform.db.update(submissions).set({ status: "scored" }).where(eq(submissions.id, embeddingId));
  await recordModeration(platform.db, {
    submissionId: hidden.id,
    state: "hidden",
    reason: "spam",
    actorId: organizer.id,
  });
  await recordModeration(platform.db, {
    submissionId: disqualified.id,
    state: "disqualified",
    reason: "trained on the test split",
    actorId: organizer.id,
  });
  await platform.store.remove(gone.bundleSha256);

  await publishNewVersion(platform.db, slug, { kinds: ["learner"] });
  const status = await getReevaluationStatus({ db: platform.db, store: platform.store, benchmarkSlug: slug });
  assert.equal(status.pending, 1);
  const result = await reevaluateAll({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    benchmarkSlug: slug,
    actor: organizer,
  });

  assert.deepEqual(
    result.created.map((c) => c.name),
    ["kept"],
  );
  const skipped = Object.fromEntries(result.skipped.map((s) => [s.name, s]));
  assert.deepEqual(Object.keys(skipped).sort(), ["an-embedding", "bundle-gone", "disqualified-one", "hidden-one"]);
  assert.equal(skipped["hidden-one"]!.code, "moderated");
  assert.match(skipped["hidden-one"]!.reason, /^Hidden by an organizer/);
  assert.match(skipped["disqualified-one"]!.reason, /^Disqualified by an organizer/);
  assert.equal(skipped["an-embedding"]!.code, "kind_not_allowed");
  assert.match(
    skipped["an-embedding"]!.reason,
    /^v2: 'reeval-skips' accepts 'learner' bundles; this one is 'embedding'\.$/,
  );
  assert.equal(skipped["bundle-gone"]!.code, "bundle_missing");
  assert.match(skipped["bundle-gone"]!.reason, /no longer in the bundle store/);
  for (const s of result.skipped) assert.equal(s.fromVersion, 1);

  for (const id of [hidden.id, disqualified.id, gone.id, embeddingId]) {
    assert.deepEqual(
      await platform.db.select().from(submissions).where(eq(submissions.reevaluationOf, id)),
      [],
      "nothing created for a skipped entry",
    );
  }
  assert.equal((await platform.db.select().from(submissions).where(eq(submissions.reevaluationOf, kept.id))).length, 1);

  const after = await getReevaluationStatus({ db: platform.db, store: platform.store, benchmarkSlug: slug });
  assert.equal(after.pending, 0);
  assert.deepEqual(after.skipped.map((s) => s.name).sort(), Object.keys(skipped).sort(), "still listed, still skipped");
  assert.equal(after.progress.total, 1);
});
