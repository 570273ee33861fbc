import { createRng, mixSeed } from "@/lib/core/random";
import { renderStrokes } from "./render";
import { canonicalStrokes, jitterStrokes, type Stroke } from "./strokes";

export type GlyphDatasetOptions = {
  /** How messages name the dataset. */
  name: string;
  /** Seeds every class and every drawer; the same seed always gives the same pixels. */
  seed: number;
  /** Number of classes; class ids are 0..classes-1. */
  classes: number;
  /** Classes 0..trainClasses-1 are meta-train, the rest meta-test: disjoint by construction. */
  trainClasses: number;
  /** Renditions per class. */
  drawers: number;
  /** Image side in pixels. */
  size: number;
};

export type GlyphDataset = {
  name: string;
  imageShape: [number, number, number];
  drawers: number;
  trainClasses: number[];
  testClasses: number[];
  /** The image of (class, drawer): float32 [size·size] row-major, values in [0,1], ink = 1. */
  image(classId: number, drawer: number): Float32Array;
};

/**
 * Synthetic Omniglot-like glyphs, generated on demand: each class has canonical pen strokes drawn from
 * (seed, class); each drawer renders a jittered version drawn from (seed, class, drawer) with its own stroke width.
 */
export function createGlyphDataset(options: GlyphDatasetOptions): GlyphDataset {
  const { name, seed, classes, trainClasses, drawers, size } = options;
  if (!(trainClasses > 0 && trainClasses < classes))
    throw new RangeError("trainClasses must be between 1 and classes-1");
  // Canonical strokes are tiny and reused by every drawer of a class: worth keeping.
  const strokeCache = new Map<number, Stroke[]>();
  const strokesOf = (classId: number) => {
    let strokes = strokeCache.get(classId);
    if (!strokes) {
      strokes = canonicalStrokes(createRng(mixSeed(seed, classId)));
      strokeCache.set(classId, strokes);
    }
    return strokes;
  };
  return {
    name,
    imageShape: [size, size, 1],
    drawers,
    trainClasses: Array.from({ length: trainClasses }, (_, i) => i),
    testClasses: Array.from({ length: classes - trainClasses }, (_, i) => trainClasses + i),
    image(classId, drawer) {
      if (!Number.isInteger(classId) || classId < 0 || classId >= classes)
        throw new RangeError(`no glyph class ${classId}`);
      if (!Number.isInteger(drawer) || drawer < 0 || drawer >= drawers) throw new RangeError(`no drawer ${drawer}`);
      const rng = createRng(mixSeed(seed, classId, drawer + 1));
      const strokes = jitterStrokes(strokesOf(classId), rng);
      return renderStrokes(strokes, { size, width: rng.uniform(1.4, 2.4) });
    },
  };
}

/** Version 1 of the built-in glyphs. Never change these numbers: results on "glyphs v1" must stay comparable. */
export const GLYPHS_V1: GlyphDatasetOptions = {
  name: "glyphs v1",
  seed: 20_240_601,
  classes: 1000,
  trainClasses: 700,
  drawers: 20,
  size: 28,
};
