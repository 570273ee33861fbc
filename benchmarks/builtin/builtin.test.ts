import assert from "node:assert/strict";
import { test } from "node:test";
import { benchmarkSpecSchema } from "@/lib/benchmark-spec";
import { definitionFor } from "@/evaluator/tracks/definitions";
import { builtinBenchmarks } from "./index";

test("the built-in glyph benchmarks are valid specs the few-shot track can plan", () => {
  assert.deepEqual(
    builtinBenchmarks.map((b) => b.slug),
    ["glyphs-5way-1shot", "glyphs-5way-5shot"],
  );
  for (const b of builtinBenchmarks) {
    assert.deepEqual(benchmarkSpecSchema.parse(b.spec), b.spec);
    assert.equal(b.synthetic, true);
    assert.match(b.title, /Synthetic Glyphs/);
    assert.match(b.about, /1\.96·s\/√n/);
    assert.equal(b.spec.queries, 15);
    assert.deepEqual(definitionFor(b.spec).planUnits(b.spec), [
      { key: "public", partition: "public" },
      { key: "private", partition: "private" },
    ]);
  }
  const seeds = builtinBenchmarks.map((b) => b.spec.partitions.public.seed);
  assert.equal(new Set(seeds).size, seeds.length, "every public partition has its own seed");
  for (const b of builtinBenchmarks)
    assert.deepEqual(
      Object.keys(b.spec.partitions.private),
      ["episodes"],
      `${b.slug}: the private seed is drawn per installation`,
    );
});

test("a spec asking more images per class than the glyphs have is refused when planned", () => {
  const spec = { ...builtinBenchmarks[0].spec, shots: 10, queries: 15 };
  assert.throws(
    () => definitionFor(spec).planUnits(spec),
    /10 shots \+ 15 queries need 25 images per class; glyphs v1 has 20/,
  );
});
