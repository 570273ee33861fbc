import type { FewshotSpec } from "@/lib/benchmark-spec";
import { createGlyphDataset, GLYPHS_V1, type GlyphDataset } from "@/benchmarks/glyphs";

/** What the few-shot track needs from a dataset: images by (class, drawer) and the meta-test classes. */
export type FewshotDataset = Pick<GlyphDataset, "name" | "imageShape" | "drawers" | "testClasses" | "trainClasses" | "image">;

let glyphsV1: GlyphDataset | undefined;

/** The dataset a spec names. Built lazily and shared: glyphs are generated on demand, so this is cheap. */
export function openFewshotDataset(dataset: FewshotSpec["dataset"]): FewshotDataset {
  switch (dataset.source) {
    case "glyphs":
      glyphsV1 ??= createGlyphDataset(GLYPHS_V1);
      return glyphsV1;
  }
}
