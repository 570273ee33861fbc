import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { BOARDS_WITH_REPORTED_RESULTS, shippedReportedResults } from "@/benchmarks/builtin/reported-results";
import { CIFAR100_FINE_NAMES, superclassOf } from "@/benchmarks/datasets/cifar100/names";
import { importScratch, writeFakeStore } from "@/benchmarks/datasets/testing";
import { findBenchmarkBySlug } from "@/db/queries/benchmarks";
import { reportedResults } from "@/db/schema";
import { deleteReportedResult, listReportedResults } from "@/lib/reported-results/reported-results";
import { createUser } from "@/lib/server/testing";
import { createTestPlatform, type TestPlatform } from "@/lib/submissions/testing";
import { seedPlatform } from "./seed";

// The standard boards get their published results when they are seeded, once, and keep an organizer's deletions.
let platform: TestPlatform;
const scratch = importScratch();

before(async () => {
  platform = await createTestPlatform();
  await writeFakeStore(scratch.datasetsDir, {
    name: "omniglot",
    imageShape: [28, 28, 1],
    classes: 12,
    perClass: 20,
    className: (i) => `character${i}`,
    group: (i) => (i % 2 ? "Gurmukhi" : "Latin"),
    complete: true,
  });
  await writeFakeStore(scratch.datasetsDir, {
    name: "cifar100",
    imageShape: [32, 32, 3],
    classes: 100,
    perClass: 20,
    className: (i) => CIFAR100_FINE_NAMES[i]!,
    group: (i) => superclassOf(CIFAR100_FINE_NAMES[i]!),
    complete: true,
  });
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

test("seeding twice stores each shipped result once, on the eight imported boards, as shipped", async () => {
  await seed();
  const once = await rowCount();
  await seed();
  assert.equal(await rowCount(), once);
  assert.deepEqual([...BOARDS_WITH_REPORTED_RESULTS].sort(), [
    "cifar-fs-5way-1shot",
    "cifar-fs-5way-5shot",
    "fc100-5way-1shot",
    "fc100-5way-5shot",
    "omniglot-20way-1shot",
    "omniglot-20way-5shot",
    "omniglot-5way-1shot",
    "omniglot-5way-5shot",
  ]);
  let total = 0;
  for (const slug of BOARDS_WITH_REPORTED_RESULTS) {
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
  assert.equal(once, total);
  assert.deepEqual(
    (await listed("glyphs-5way-1shot")).reported,
    [],
    "no published result ships with a synthetic board",
  );
});

test("a shipped result an admin deleted stays deleted; a stored one that differs is refreshed", async () => {
  const admin = await createUser(platform.db, "admin");
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
