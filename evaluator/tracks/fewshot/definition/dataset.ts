import type { FewshotSpec } from "@/lib/benchmark-spec";
import { getConfig } from "@/lib/config";
import { createGlyphDataset, GLYPHS_V1, type GlyphDataset } from "@/benchmarks/glyphs";
import type { FewshotDataset } from "./dataset-view";
import { openStoreDataset } from "./store-dataset";

export type { FewshotDataset } from "./dataset-view";

let glyphsV1: GlyphDataset | undefined;

/**
 * The dataset a spec names. Glyphs are generated on demand; a store's index is read now and its pixels on first use
 * from `datasetsDir` (default: the configured datasets directory, shared by every worker).
 */
export function openFewshotDataset(dataset: FewshotSpec["dataset"], datasetsDir?: string): FewshotDataset {
  switch (dataset.source) {
    case "glyphs":
      glyphsV1 ??= createGlyphDataset(GLYPHS_V1);
      return glyphsV1;
    case "store":
      return openStoreDataset(datasetsDir ?? getConfig().datasetsDir, dataset);
  }
}
