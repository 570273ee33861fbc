import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { createGlyphDataset, GLYPHS_V1 } from "./dataset";

test("meta-train and meta-test classes are disjoint and cover all 1000 classes", () => {
  const glyphs = createGlyphDataset(GLYPHS_V1);
  assert.equal(glyphs.trainClasses.length, 700);
  assert.equal(glyphs.testClasses.length, 300);
  const train = new Set(glyphs.trainClasses);
  assert.ok(glyphs.testClasses.every((c) => !train.has(c)));
  assert.deepEqual(
    [...glyphs.trainClasses, ...glyphs.testClasses].sort((a, b) => a - b),
    Array.from({ length: 1000 }, (_, i) => i),
  );
});

test("no meta-test class draws the same glyph as a meta-train class", () => {
  const glyphs = createGlyphDataset(GLYPHS_V1);
  const digest = (classId: number) => createHash("sha256").update(glyphs.image(classId, 0)).digest("hex");
  const train = new Set(glyphs.trainClasses.map(digest));
  for (const classId of glyphs.testClasses)
    assert.ok(!train.has(digest(classId)), `test class ${classId} repeats a train glyph`);
});
