import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { getSubmissionView } from "@/lib/server/submission-view";
import { createTestDatabase } from "@/testing/platform/database";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { createUser, insertRlSubmission } from "@/testing/platform/fixtures";

// A Meta-World submission's page data: one row per task from the success/<task> and return/<task> aggregates.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(async () => database.drop());

const ml10 = METAWORLD_BENCHMARKS.find((d) => d.slug === "metaworld-ml10")!;

test("per-task success and return with their intervals; private rows only after the reveal", async () => {
  const user = await createUser(database.db);
  const submission = await insertRlSubmission(database.db, {
    definition: ml10,
    user,
    status: "scored",
    units: [{ key: "drawer-open-v3/1", partition: "public", status: "done" }],
    aggregates: [
      { partition: "public", metric: "success", value: 0.3, ciLow: 0.2, ciHigh: 0.4 },
      { partition: "public", metric: "success/drawer-open-v3", value: 0.9, ciLow: 0.8, ciHigh: 1 },
      { partition: "public", metric: "return/drawer-open-v3", value: 1234.5 },
      { partition: "public", metric: "success/door-close-v3", value: 0.1, ciLow: 0, ciHigh: 0.25 },
      { partition: "public", metric: "return/door-close-v3", value: 88, ciLow: 70, ciHigh: 100 },
      { partition: "private", metric: "success/door-close-v3", value: 0.5 },
    ],
  });
  const view = await getSubmissionView(database.db, { id: submission.id, viewer: user });
  assert.deepEqual(view?.metaworldTasks, [
    {
      partition: "public",
      task: "door-close-v3",
      success: { value: 0.1, ciLow: 0, ciHigh: 0.25 },
      return: { value: 88, ciLow: 70, ciHigh: 100 },
    },
    {
      partition: "public",
      task: "drawer-open-v3",
      success: { value: 0.9, ciLow: 0.8, ciHigh: 1 },
      return: { value: 1234.5, ciLow: null, ciHigh: null },
    },
  ]);
  assert.deepEqual(view?.atariGames, []);

  const later = await getSubmissionView(database.db, {
    id: submission.id,
    viewer: user,
    now: new Date(Date.now() + 1000),
  });
  assert.equal(later?.metaworldTasks.length, 2, "no reveal time set: private rows stay hidden");
});
