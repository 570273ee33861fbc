import assert from "node:assert/strict";
import { test } from "node:test";
import { CIFAR100_COARSE_NAMES, CIFAR100_FINE_NAMES, CIFAR100_HIERARCHY } from "@/benchmarks/datasets/cifar100/names";
import { CIFAR_FS_SPLIT } from "./cifar-fs";
import { FC100_SPLIT, FC100_SUPERCLASSES } from "./fc100";
import { OMNIGLOT_VINYALS_TEST_ALPHABETS } from "./omniglot-vinyals";
import type { ClassSplit } from "./types";

function assertPartition(split: ClassSplit, sizes: [number, number, number]) {
  assert.deepEqual([split.train.length, split.val.length, split.test.length], sizes);
  const all = [...split.train, ...split.val, ...split.test];
  assert.equal(
    new Set(all).size,
    all.length,
    `${split.id}: a class appears twice (meta-train and meta-test must be disjoint)`,
  );
  assert.deepEqual([...all].sort(), [...CIFAR100_FINE_NAMES].sort(), `${split.id}: every CIFAR-100 class exactly once`);
}

test("CIFAR-100's names and hierarchy: 100 classes under 20 superclasses of 5", () => {
  assert.equal(new Set(CIFAR100_FINE_NAMES).size, 100);
  assert.equal(CIFAR100_COARSE_NAMES.length, 20);
  const children = Object.values(CIFAR100_HIERARCHY).flat();
  assert.ok(Object.values(CIFAR100_HIERARCHY).every((c) => c.length === 5));
  assert.deepEqual([...children].sort(), [...CIFAR100_FINE_NAMES]);
});

test("CIFAR-FS is 64 / 16 / 20 disjoint CIFAR-100 classes", () => {
  assertPartition(CIFAR_FS_SPLIT, [64, 16, 20]);
  assert.deepEqual(CIFAR_FS_SPLIT.test.slice(0, 3), ["whale", "poppy", "rose"]);
});

test("FC100 is 12 / 4 / 4 superclasses = 60 / 20 / 20 disjoint classes", () => {
  assert.deepEqual(
    [FC100_SUPERCLASSES.train.length, FC100_SUPERCLASSES.val.length, FC100_SUPERCLASSES.test.length],
    [12, 4, 4],
  );
  assertPartition(FC100_SPLIT, [60, 20, 20]);
  for (const name of ["whale", "bee", "fox", "baby"]) assert.ok(FC100_SPLIT.test.includes(name), name);
});

test("the Vinyals split's 13 meta-test alphabets", () => {
  assert.equal(new Set(OMNIGLOT_VINYALS_TEST_ALPHABETS).size, 13);
  assert.ok(OMNIGLOT_VINYALS_TEST_ALPHABETS.includes("Old_Church_Slavonic_(Cyrillic)"));
});
