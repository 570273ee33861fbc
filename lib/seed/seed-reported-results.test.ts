import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { atari100k, atariDemo } from "@/benchmarks/builtin/atari";
import { BOARDS_WITH_REPORTED_RESULTS, shippedReportedResults } from "@/benchmarks/builtin/reported-results";
import { importScratch, writeStandardFakeStores } from "@/testing/datasets/stores";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { reportedResults } from "@/db/schema";
import {
  deleteReportedResult,
  listReportedResults,
  seedShippedReportedResults,
} from "@/lib/reported-results/reported-results";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { createUser } from "@/testing/platform/fixtures";
import { createTestPlatform, type TestPlatform } from "@/testing/platform/submission-loop";
import { seedPlatform } from "./seed";

// The standard boards get their published results when they are seeded, once, and keep an organizer's deletions.
let platform: TestPlatform;
const scratch = importScratch();

before(async () => {
  platform = await createTestPlatform();
  await writeStandardFakeStores(scratch.datasetsDir);
});
after(async () => {
  scratch.remove();
  await platform?.close();
});

const seed = () =>
  seedPlatform({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    datasetsDir: scratch.datasetsDir,
    baselineDirs: [],
  });
const rowCount = async () => (await platform.db.select({ n: sql<number>`count(*)::int` }).from(reportedResults))[0]!.n;

async function listed(slug: string) {
  const { benchmark } = (await findBenchmarkBySlug(platform.db, slug))!;
  return { benchmark, reported: await listReportedResults(platform.db, benchmark.id) };
}

const IMPORTED = [
  "cifar-fs-5way-1shot",
  "cifar-fs-5way-5shot",
  "fc100-5way-1shot",
  "fc100-5way-5shot",
  "omniglot-20way-1shot",
  "omniglot-20way-5shot",
  "omniglot-5way-1shot",
  "omniglot-5way-5shot",
];

/** Checks that each board lists exactly its shipped results, as shipped; returns how many there are. */
async function assertStoredAsShipped(slugs: string[]): Promise<number> {
  let total = 0;
  for (const slug of slugs) {
    const { reported } = await listed(slug);
    const shipped = shippedReportedResults(slug);
    total += shipped.length;
    assert.deepEqual(
      reported.map(({ id: _id, shipped: _s, addedAt: _a, ...result }) => result),
      shipped.map((s) => s.result),
      slug,
    );
    assert.ok(reported.every((r) => r.shipped));
  }
  return total;
}

const SEEDED_RL = ["atari-100k", "metaworld-ml10", "metaworld-ml45"];

test("seeding twice stores each shipped result once, on the imported boards and the standard RL boards, as shipped", async () => {
  await seed();
  const once = await rowCount();
  await seed();
  assert.equal(await rowCount(), once);
  assert.deepEqual([...BOARDS_WITH_REPORTED_RESULTS].sort(), [...IMPORTED, ...SEEDED_RL].sort());
  assert.equal(once, await assertStoredAsShipped([...IMPORTED, ...SEEDED_RL]));
  const synthetic = (await listed("glyphs-5way-1shot")).reported;
  assert.deepEqual(synthetic, [], "no published result ships with a synthetic board");
});

test("the seeded Meta-World ML boards carry their shipped results, as Table 1 gives them", async () => {
  assert.equal((await assertStoredAsShipped(["metaworld-ml10", "metaworld-ml45"])) > 0, true);
  const ml10 = (await listed("metaworld-ml10")).reported.map((r) => [r.method, r.numbers[0]!.value]);
  assert.deepEqual(ml10, [
    ["MAML", "31.6"],
    ["RL²", "35.8"],
    ["PEARL", "13"],
  ]);
});

test("Atari 100K gets DER, DrQ(ε), SPR and BBF from BBF's Table A.1 and SPR's own Table 1, once", async () => {
  // The seed stored them; storing them again (as the next seed, or a creation from the definition, does) adds nothing.
  const { benchmark } = await upsertBenchmark(platform.db, atari100k);
  const before = await rowCount();
  await seedShippedReportedResults(platform.db, benchmark);
  assert.equal(await rowCount(), before);
  assert.ok((await assertStoredAsShipped(["atari-100k"])) > 0);
  const atari = (await listed("atari-100k")).reported.map((r) => [r.method, r.numbers.map((n) => n.value)]);
  assert.deepEqual(atari, [
    ["DER (Data-Efficient Rainbow)", ["0.183", "0.189", "0.350", "0.698"]],
    ["DrQ(ε)", ["0.280", "0.313", "0.465", "0.631"]],
    ["SPR (100 runs per game)", ["0.337", "0.396", "0.616", "0.577"]],
    ["SPR (10 seeds, its own paper)", ["0.415", "0.704"]],
    ["BBF", ["1.045", "0.917", "2.247", "0.344"]],
  ]);
  const metrics = (await listed("atari-100k")).reported[0]!.numbers.map((n) => n.metric);
  assert.deepEqual(metrics, ["IQM HNS", "median HNS", "mean HNS", "optimality gap (γ = 1)"]);
  assert.deepEqual(shippedReportedResults(atariDemo.slug), [], "the demo board's scores are not Atari 100K scores");
});

test("a shipped result an admin deleted stays deleted; a stored one that differs is refreshed", async () => {
  const admin = await createUser(platform.db, { role: "admin" });
  const { benchmark, reported } = await listed("omniglot-5way-1shot");
  const [deleted, edited] = reported;
  await deleteReportedResult(platform.db, { actor: admin, benchmark, id: deleted!.id });
  const { id: _id, shipped: _shipped, addedAt: _addedAt, ...stored } = edited!;
  const wrong = { ...stored, numbers: [{ metric: "accuracy", value: "1.0", unit: "percent" }] };
  await platform.db.update(reportedResults).set({ result: wrong }).where(eq(reportedResults.id, edited!.id));
  await seed();
  const after = (await listed("omniglot-5way-1shot")).reported;
  assert.deepEqual(
    after.map((r) => r.id),
    reported.slice(1).map((r) => r.id),
  );
  assert.deepEqual(after[0]!.numbers, edited!.numbers, "the shipped numbers are back");
});
