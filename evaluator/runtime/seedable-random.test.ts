import assert from "node:assert/strict";
import { after, test } from "node:test";
import { installSeedableRandom } from "./seedable-random";

const original = Math.random;
after(() => {
  Math.random = original;
});

test("Math.random restarts from a seed: the same seed draws the same numbers, another seed others, all in [0, 1)", () => {
  const random = installSeedableRandom();
  const draw = (seed: number) => {
    random.reseed(seed);
    return Array.from({ length: 1000 }, () => Math.random());
  };
  const first = draw(7);
  assert.deepEqual(draw(7), first);
  assert.notDeepEqual(draw(8), first);
  assert.ok(first.every((x) => x >= 0 && x < 1));
  assert.equal(new Set(first).size, first.length, "no repeats in 1000 draws");
  const mean = first.reduce((s, x) => s + x, 0) / first.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
  assert.ok(
    first.some((x) => x * 2 ** 32 !== Math.floor(x * 2 ** 32)),
    "more than 32 bits per double",
  );
});
