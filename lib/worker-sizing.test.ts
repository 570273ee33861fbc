import assert from "node:assert/strict";
import { test } from "node:test";
import { sizeWorkerConcurrency } from "./worker-sizing";

const GIB = 1024 ** 3;

test("cores limit the worker on a small machine with plenty of memory", () => {
  const sized = sizeWorkerConcurrency({ cores: 2, memoryBytes: 24 * GIB });
  assert.equal(sized.concurrency, 1);
  assert.match(sized.reason, /^2 cores, 24\.0 GiB; limited by cores/);
});

test("memory limits the worker on a many-core machine with little memory", () => {
  const sized = sizeWorkerConcurrency({ cores: 32, memoryBytes: 16 * GIB });
  assert.equal(sized.concurrency, 3);
  assert.match(sized.reason, /limited by memory: 4\.0 GiB per evaluation/);
});

test("a tiny machine still runs one evaluation, and a huge one at most 64", () => {
  assert.equal(sizeWorkerConcurrency({ cores: 1, memoryBytes: 1 * GIB }).concurrency, 1);
  assert.equal(sizeWorkerConcurrency({ cores: 256, memoryBytes: 2048 * GIB }).concurrency, 64);
});

test("HELDOUT_WORKER_CONCURRENCY overrides the sizing and says so", () => {
  const sized = sizeWorkerConcurrency({ cores: 2, memoryBytes: 24 * GIB }, 4);
  assert.equal(sized.concurrency, 4);
  assert.match(sized.reason, /^HELDOUT_WORKER_CONCURRENCY=4/);
});
