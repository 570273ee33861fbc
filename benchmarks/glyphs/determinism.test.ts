import assert from "node:assert/strict";
import { test } from "node:test";
import { createGlyphDataset, GLYPHS_V1 } from "./dataset";

test("the same seed gives identical pixels, a different seed different ones", () => {
  const a = createGlyphDataset(GLYPHS_V1);
  const b = createGlyphDataset(GLYPHS_V1);
  const other = createGlyphDataset({ ...GLYPHS_V1, seed: GLYPHS_V1.seed + 1 });
  for (const [classId, drawer] of [
    [0, 0],
    [3, 7],
    [699, 19],
    [700, 0],
    [999, 12],
  ]) {
    assert.deepEqual(a.image(classId, drawer), b.image(classId, drawer));
    assert.notDeepEqual(a.image(classId, drawer), other.image(classId, drawer));
  }
  // Order of generation does not matter: a fresh dataset asked in reverse order agrees.
  const c = createGlyphDataset(GLYPHS_V1);
  assert.deepEqual(c.image(999, 12), a.image(999, 12));
});

test("images are 28×28 float32 in [0,1] with ink, and drawers of a class differ", () => {
  const glyphs = createGlyphDataset(GLYPHS_V1);
  assert.deepEqual(glyphs.imageShape, [28, 28, 1]);
  const image = glyphs.image(42, 3);
  assert.ok(image instanceof Float32Array);
  assert.equal(image.length, 28 * 28);
  assert.ok(image.every((v) => v >= 0 && v <= 1));
  const ink = image.reduce((s, v) => s + v, 0);
  assert.ok(ink > 20 && ink < 28 * 28 * 0.5, `ink ${ink}`);
  assert.notDeepEqual(glyphs.image(42, 3), glyphs.image(42, 4));
});

test("asking for a class or drawer that does not exist is an error", () => {
  const glyphs = createGlyphDataset(GLYPHS_V1);
  assert.throws(() => glyphs.image(1000, 0), /no glyph class 1000/);
  assert.throws(() => glyphs.image(0, 20), /no drawer 20/);
  assert.throws(() => glyphs.image(-1, 0), /no glyph class -1/);
});
