import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { createGlyphDataset, GLYPHS_V1 } from "./dataset";

// Results on "glyphs v1" stay comparable only while its pixels never change. A change to the generator or the
// renderer that trips this test needs a new dataset version instead.

test("glyphs v1 pixels are pinned", () => {
  const glyphs = createGlyphDataset(GLYPHS_V1);
  const hash = createHash("sha256");
  for (const classId of [0, 1, 699, 700, 999])
    for (const drawer of [0, 7, 19]) hash.update(glyphs.image(classId, drawer));
  assert.equal(hash.digest("hex"), "ebd13a8909f055aa31ee1e6cd39e7a47a07ee5f87ec61606b63f2bfff9f1a2fb");
});
