import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readStoreIndex } from "@/benchmarks/datasets";
import { importScratch, writeFakeStore } from "@/testing/datasets/stores";
import { ML10_TEST_TASKS, ML10_TRAIN_TASKS } from "@/evaluator/tracks/metaworld/definition/tasks";
import { describeLeakage, findOverlaps, omniglotCharacter } from "./leakage";
import { metaworldSpecSchema } from "@/lib/benchmark-spec";
import { checkRlLeakage } from "./rl-leakage";
import { validateAuthoring } from "./validate";

const scratch = importScratch();
after(scratch.remove);

// 3 alphabets × 4 characters, 6 drawers each, named as the Omniglot importer names them.
const character = (i: number) => `Alphabet_${Math.floor(i / 4)}/character${String((i % 4) + 1).padStart(2, "0")}`;
before(async () => {
  await writeFakeStore(scratch.datasetsDir, {
    name: "omniglot",
    imageShape: [8, 8, 1],
    classes: 12,
    perClass: 6,
    className: character,
    group: (i) => `Alphabet_${Math.floor(i / 4)}`,
    complete: false,
  });
  await writeFakeStore(scratch.datasetsDir, {
    name: "textures",
    imageShape: [4, 4, 3],
    classes: 10,
    perClass: 6,
    className: (i) => `texture${i}`,
    group: () => "",
    complete: false,
  });
});

const omniglotDoc = (split: string) => `slug: omniglot-authored
title: Authored Omniglot
track: fewshot
dataset: omniglot
split:
${split}
ways: 2
shots: 1
queries: 2
partitions:
  public: { episodes: 4, seed: 1 }
  private: { episodes: 4 }
kinds: [embedding]
`;

function validate(text: string) {
  const result = validateAuthoring({ text, datasetsDir: scratch.datasetsDir });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result.benchmark;
}

test("an Omniglot character is one unit whatever rotation or drawer suffix names it", () => {
  assert.equal(omniglotCharacter("Angelic/character01/rot090"), "Angelic/character01");
  assert.equal(omniglotCharacter("Angelic/character01_rot270"), "Angelic/character01");
  assert.equal(omniglotCharacter("Angelic/character01/0965_02.png"), "Angelic/character01");
  assert.equal(omniglotCharacter("Angelic/character01"), "Angelic/character01");
  assert.notEqual(omniglotCharacter("Angelic/character10"), omniglotCharacter("Angelic/character1"));
});

test("Omniglot: one character's rotations on both sides of the split is leakage, and blocks publishing by name", () => {
  const leaky = validate(
    omniglotDoc(`  train: [Alphabet_0/character01/rot000, Alphabet_0/character02/rot000, Alphabet_1/character01/rot000]
  test: [Alphabet_0/character01/rot090, Alphabet_2/character01, Alphabet_2/character02, Alphabet_2/character03]`),
  );
  assert.equal(leaky.leakage.unit, "character");
  assert.deepEqual(leaky.leakage.overlaps, [{ unit: "Alphabet_0/character01", sides: ["train", "test"] }]);
  assert.equal(
    leaky.leakageProblem,
    "Leakage: 1 character on both sides of the meta-train/meta-test split: Alphabet_0/character01 (train and test).",
  );
  assert.equal(leaky.register, undefined, "a leaking split is never added to the store");
  assert.deepEqual(Object.keys(readStoreIndex(scratch.datasetsDir, "omniglot")!.splits), []);

  const clean = validate(
    omniglotDoc(`  train: [Alphabet_0/character01/rot000, Alphabet_0/character01/rot090, Alphabet_1/character01]
  test: [Alphabet_2/character01/rot000, Alphabet_2/character02, Alphabet_2/character03]`),
  );
  assert.deepEqual(clean.leakage.overlaps, []);
  assert.equal(clean.leakageProblem, undefined);
  // Rotation suffixes name the stored character; rotations default to on for Omniglot.
  assert.deepEqual(clean.register?.lists, {
    train: ["Alphabet_0/character01", "Alphabet_1/character01"],
    val: [],
    test: ["Alphabet_2/character01", "Alphabet_2/character02", "Alphabet_2/character03"],
  });
  const spec = clean.definition.spec;
  assert.ok(spec.track === "fewshot" && spec.dataset.source === "store" && spec.dataset.rotations);
  assert.equal(spec.dataset.split, clean.register?.name);
});

test("a class on both sides of another store's split is leakage; the message names the first five and counts the rest", () => {
  const doc = validate(
    omniglotDoc(`  train: [texture0, texture1, texture2, texture3, texture4, texture5, texture6]
  val: [texture7]
  test: [texture0, texture1, texture2, texture3, texture4, texture5, texture6, texture7]`).replace(
      "dataset: omniglot",
      "dataset: textures",
    ),
  );
  assert.equal(doc.leakage.unit, "class");
  assert.equal(doc.leakage.overlaps.length, 8);
  assert.equal(
    doc.leakageProblem,
    "Leakage: 8 classes on both sides of the meta-train/meta-test split: texture0 (train and test), texture1 (train and test), texture2 (train and test), texture3 (train and test), texture4 (train and test), and 3 more.",
  );
});

test("a class the store lacks points at its list item", () => {
  const result = validateAuthoring({
    text: omniglotDoc(`  train: [Alphabet_0/character01]
  test: [Alphabet_2/character01, Alphabet_9/character01]`),
    datasetsDir: scratch.datasetsDir,
  });
  assert.ok(!result.ok);
  assert.deepEqual(result.issues, [
    { line: 7, field: "split.test.1", message: 'omniglot has no class "Alphabet_9/character01"' },
  ]);
});

test("Meta-World: ML10 and ML45 train and test tasks are checked; an overlap would be named", () => {
  const spec = (benchmark: string) =>
    metaworldSpecSchema.parse({
      track: "metaworld",
      benchmark,
      partitions: { public: { seeds: [1] }, private: { seeds: [2] } },
      kinds: ["agent"],
    });
  for (const benchmark of ["ML10", "ML45"]) {
    const report = checkRlLeakage(spec(benchmark));
    assert.deepEqual(report.overlaps, [], benchmark);
    assert.match(report.checked, /meta-train and \d+ meta-test tasks/);
  }
  const overlaps = findOverlaps([
    { side: "train", items: [...ML10_TRAIN_TASKS, "drawer-open-v3"] },
    { side: "test", items: ML10_TEST_TASKS },
  ]);
  assert.deepEqual(overlaps, [{ unit: "drawer-open-v3", sides: ["train", "test"] }]);
  assert.equal(
    describeLeakage({ unit: "task", checked: "", overlaps }),
    "Leakage: 1 task on both sides of the meta-train/meta-test split: drawer-open-v3 (train and test).",
  );
});

test("a unit repeated within one side is no leak", () => {
  assert.deepEqual(
    findOverlaps([
      { side: "train", items: ["a", "a", "b"] },
      { side: "test", items: ["c"] },
    ]),
    [],
  );
});
