import type { GlyphDataset } from "@/benchmarks/glyphs";

/**
 * What the few-shot track needs from a dataset: images by (class, drawer) and the meta-test classes. Its own module
 * so that the store's view (store-dataset.ts) and the opener of every source (dataset.ts) both name it without
 * importing each other.
 */
export type FewshotDataset = Pick<
  GlyphDataset,
  "name" | "imageShape" | "drawers" | "testClasses" | "trainClasses" | "image"
>;
