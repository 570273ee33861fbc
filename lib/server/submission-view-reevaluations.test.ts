import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { recordModeration } from "@/db/queries/moderation";
import { submissions } from "@/db/schema";
import { getSubmissionView } from "./submission-view";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

// A submission's view says which benchmark version it ran on; a re-evaluation names its original, and the original
// lists its re-evaluations.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let owner: Awaited<ReturnType<typeof createUser>>;
let reader: Awaited<ReturnType<typeof createUser>>;
let organizer: Awaited<ReturnType<typeof createUser>>;
let original: { id: string };
let onV2: { id: string };
let onV3: { id: string };

/** A copy of `of` on benchmark version `version`, as re-evaluating it leaves one. */
async function reevaluation(
  fixture: Awaited<ReturnType<typeof createBenchmark>>,
  version: Awaited<ReturnType<typeof upsertBenchmark>>["version"],
  of: { id: string },
) {
  const copy = await insertFinishedSubmission(ctx.db, { fixture: { ...fixture, version }, user: owner, name: "alpha" });
  await ctx.db.update(submissions).set({ reevaluationOf: of.id }).where(eq(submissions.id, copy.id));
  return copy;
}

before(async () => {
  ctx = await startRouteTest();
  [owner, reader, organizer] = [
    await createUser(ctx.db),
    await createUser(ctx.db),
    await createUser(ctx.db, { role: "organizer" }),
  ];
  const v1 = await createBenchmark(ctx.db, { spec: smallFewshotSpec({ queries: 5 }) });
  const b = v1.benchmark;
  original = await insertFinishedSubmission(ctx.db, { fixture: v1, user: owner, name: "alpha" });
  const define = (queries: number) => ({
    slug: b.slug,
    title: b.title,
    track: "fewshot" as const,
    summary: "",
    about: "",
    synthetic: true,
    spec: smallFewshotSpec({ queries }),
  });
  const v2 = await upsertBenchmark(ctx.db, define(3));
  const v3 = await upsertBenchmark(ctx.db, define(4));
  // Created newest version first: the list goes by version, not by creation.
  onV3 = await reevaluation(v1, v3.version, original);
  onV2 = await reevaluation(v1, v2.version, original);
});
after(async () => ctx.close());

test("an original names its version and lists its re-evaluations, oldest version first", async () => {
  const view = await getSubmissionView(ctx.db, { id: original.id, viewer: reader });
  assert.ok(view);
  assert.equal(view.version, 1);
  assert.equal(view.reevaluationOf, null);
  assert.deepEqual(view.reevaluations, [
    { id: onV2.id, version: 2, status: "scored" },
    { id: onV3.id, version: 3, status: "scored" },
  ]);
});

test("a re-evaluation names its version and the original it comes from, and lists none of its own", async () => {
  const view = await getSubmissionView(ctx.db, { id: onV2.id, viewer: undefined });
  assert.ok(view);
  assert.equal(view.version, 2);
  assert.deepEqual(view.reevaluationOf, { id: original.id, version: 1 });
  assert.deepEqual(view.reevaluations, []);
});

test("a re-evaluation an organizer hid is listed to its owner and the organizers only", async () => {
  await recordModeration(ctx.db, {
    submissionId: onV3.id,
    state: "hidden",
    reason: "duplicate",
    actorId: organizer.id,
  });
  const listed = async (viewer: typeof owner | undefined) =>
    (await getSubmissionView(ctx.db, { id: original.id, viewer }))?.reevaluations.map((r) => r.id);
  assert.deepEqual(await listed(reader), [onV2.id]);
  assert.deepEqual(await listed(undefined), [onV2.id]);
  assert.deepEqual(await listed(owner), [onV2.id, onV3.id]);
  assert.deepEqual(await listed(organizer), [onV2.id, onV3.id]);
});
