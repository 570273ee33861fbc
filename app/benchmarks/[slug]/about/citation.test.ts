import assert from "node:assert/strict";
import { test } from "node:test";
import { bibtex, changedFields } from "./citation";

test("BibTeX names the version and survives braces in a title", () => {
  const entry = bibtex({
    slug: "glyphs_5w1s",
    title: "Glyphs {5-way}",
    version: 3,
    year: 2026,
    url: "https://example.org/benchmarks/glyphs_5w1s/about",
  });
  assert.match(entry, /^@misc\{heldout-glyphs_5w1s-v3,/);
  assert.match(entry, /title = \{\{Glyphs 5-way\} \(version 3\)\},/);
  assert.match(entry, /\\texttt\{glyphs\\_5w1s\}/);
});

test("changed fields between versions are listed, unchanged ones are not", () => {
  assert.deepEqual(
    changedFields(
      { ways: 5, shots: 1, partitions: { a: 1 } },
      { ways: 5, shots: 5, partitions: { a: 2 }, extra: true },
    ),
    ["extra", "partitions", "shots"],
  );
  assert.deepEqual(changedFields({ ways: 5 }, { ways: 5 }), []);
});
