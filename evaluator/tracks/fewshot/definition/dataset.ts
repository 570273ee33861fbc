import type { FewshotSpec } from "@/lib/benchmark-spec";
import { PlatformError } from "@/lib/core/errors";
import { createGlyphDataset, GLYPHS_V1, type GlyphDataset } from "@/benchmarks/glyphs";
import type { FewshotDataset } from "./dataset-view";
import { openStoreDataset } from "./store-dataset";

export type { FewshotDataset } from "./dataset-view";

let glyphsV1: GlyphDataset | undefined;

/**
 * The dataset a spec names. Glyphs are generated on demand; a store's index is read now and its pixels on first use
 * from `datasetsDir`, the configured datasets directory the caller passes (a store cannot be opened without it).
 */
export function openFewshotDataset(dataset: FewshotSpec["dataset"], datasetsDir?: string): FewshotDataset {
  switch (dataset.source) {
    case "glyphs":
      glyphsV1 ??= createGlyphDataset(GLYPHS_V1);
      return glyphsV1;
    case "store":
      if (datasetsDir === undefined)
        throw new PlatformError(`dataset "${dataset.store}" is a store, and no datasets directory was given`);
      return openStoreDataset(datasetsDir, dataset);
  }
}
