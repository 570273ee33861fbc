import assert from "node:assert/strict";
import { after, test } from "node:test";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { createTestDatabase } from "@/testing/platform/database";
import { CIFAR100_FINE_NAMES, superclassOf } from "@/benchmarks/datasets/cifar100/names";
import { importScratch, writeFakeStore } from "@/testing/datasets/stores";
import { definitionFor } from "@/evaluator/tracks/definitions";
import { registerImportedBenchmarks } from "./register-imported";

const database = await createTestDatabase();
const scratch = importScratch();
after(async () => {
  scratch.remove();
  await database.drop();
});
const phase = { name: "Open", quotaPerDay: 5, quotaTotal: 100, revealAt: null };
const cifar = (complete: boolean) =>
  writeFakeStore(scratch.datasetsDir, {
    name: "cifar100",
    imageShape: [32, 32, 3],
    classes: 100,
    perClass: 20,
    className: (i) => CIFAR100_FINE_NAMES[i]!,
    group: (i) => superclassOf(CIFAR100_FINE_NAMES[i]!),
    complete,
  });

test("nothing imported: nothing registered", async () => {
  assert.deepEqual(await registerImportedBenchmarks({ db: database.db, datasetsDir: scratch.datasetsDir, phase }), {
    registered: [],
    skipped: [],
  });
});

test("a subset import creates no standard benchmark, and says why", async () => {
  await cifar(false);
  const result = await registerImportedBenchmarks({ db: database.db, datasetsDir: scratch.datasetsDir, phase });
  assert.deepEqual(result.registered, []);
  assert.match(result.skipped[0]!, /^cifar100: imported as a subset/);
});

test("a complete CIFAR-100 import creates CIFAR-FS and FC100 5-way 1/5-shot, once, pinned to its pixels", async () => {
  const index = await cifar(true);
  const first = await registerImportedBenchmarks({ db: database.db, datasetsDir: scratch.datasetsDir, phase });
  assert.deepEqual(first.registered, [
    "cifar-fs-5way-1shot",
    "cifar-fs-5way-5shot",
    "fc100-5way-1shot",
    "fc100-5way-5shot",
  ]);
  await registerImportedBenchmarks({ db: database.db, datasetsDir: scratch.datasetsDir, phase });
  const found = (await findBenchmarkBySlug(database.db, "fc100-5way-5shot"))!;
  assert.equal(found.version.version, 1, "registering again adds no version");
  assert.equal(found.phase?.name, "Open");
  assert.equal(found.benchmark.synthetic, false);
  const spec = found.version.spec;
  assert.ok(spec.track === "fewshot" && spec.dataset.source === "store");
  assert.deepEqual(spec.dataset, {
    source: "store",
    store: "cifar100",
    split: "fc100",
    rotations: false,
    sha256: index.sha256,
  });
  assert.deepEqual(
    [spec.ways, spec.shots, spec.queries, spec.partitions.public.episodes, spec.partitions.private.episodes],
    [5, 5, 15, 600, 2000],
  );
  assert.deepEqual(
    definitionFor(spec)
      .planUnits(spec)
      .map((u) => u.key),
    ["public", "private"],
  );
  assert.match(found.benchmark.about, /aquatic_mammals, insects, medium_mammals and people/);

  // Re-imported with other pixels: a new version, so earlier results stay tied to the data that produced them.
  await writeFakeStore(scratch.datasetsDir, {
    name: "cifar100",
    imageShape: [32, 32, 3],
    classes: 100,
    perClass: 21,
    className: (i) => CIFAR100_FINE_NAMES[i]!,
    group: (i) => superclassOf(CIFAR100_FINE_NAMES[i]!),
    complete: true,
  });
  await registerImportedBenchmarks({ db: database.db, datasetsDir: scratch.datasetsDir, phase });
  assert.equal((await findBenchmarkBySlug(database.db, "fc100-5way-5shot"))!.version.version, 2);
});
