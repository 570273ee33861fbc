export { createGlyphDataset, GLYPHS_V1, type GlyphDataset, type GlyphDatasetOptions } from "./dataset";
