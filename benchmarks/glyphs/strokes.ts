import type { Rng } from "@/lib/core/random";

/** A point in the unit square; x to the right, y downwards (image convention). */
export type Point = [number, number];

/** A stroke as drawn: a polyline or a cubic Bezier curve given by its control points. */
export type Stroke = { kind: "polyline" | "bezier"; points: Point[] };

/** Bezier strokes are flattened into this many segments before rendering. */
const BEZIER_SEGMENTS = 20;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A random step of length in [minLength, maxLength) from `from`, kept inside the drawing area. */
function step(from: Point, minLength: number, maxLength: number, rng: Rng): Point {
  const angle = rng.uniform(0, 2 * Math.PI);
  const length = rng.uniform(minLength, maxLength);
  return [clamp(from[0] + length * Math.cos(angle), 0.05, 0.95), clamp(from[1] + length * Math.sin(angle), 0.05, 0.95)];
}

/**
 * The canonical strokes of one class: 2–5 strokes, each a polyline (2–3 vertices) or a cubic Bezier. Later strokes
 * often start on an earlier one, as pen strokes of a character do. The glyph is then centred and scaled so its
 * longer side spans 70% of the image.
 */
export function canonicalStrokes(rng: Rng): Stroke[] {
  const count = 2 + rng.int(4);
  const strokes: Stroke[] = [];
  for (let s = 0; s < count; s++) {
    let start: Point;
    if (s > 0 && rng.next() < 0.6) {
      const previous = flatten(strokes[rng.int(strokes.length)]);
      start = previous[rng.int(previous.length)];
    } else {
      start = [rng.uniform(0.15, 0.85), rng.uniform(0.15, 0.85)];
    }
    if (rng.next() < 0.45) {
      const points: Point[] = [start];
      const vertices = 2 + rng.int(2);
      for (let v = 1; v < vertices; v++) points.push(step(points[v - 1], 0.25, 0.55, rng));
      strokes.push({ kind: "polyline", points });
    } else {
      const c1 = step(start, 0.2, 0.5, rng);
      const c2 = step(c1, 0.2, 0.5, rng);
      const end = step(c2, 0.15, 0.45, rng);
      strokes.push({ kind: "bezier", points: [start, c1, c2, end] });
    }
  }
  return normalize(strokes);
}

function normalize(strokes: Stroke[]): Stroke[] {
  const all = strokes.flatMap(flatten);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = 0.7 / Math.max(maxX - minX, maxY - minY, 0.1);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return strokes.map((s) => ({
    kind: s.kind,
    points: s.points.map(([x, y]): Point => [0.5 + (x - cx) * scale, 0.5 + (y - cy) * scale]),
  }));
}

/** The stroke as a dense polyline. */
export function flatten(stroke: Stroke): Point[] {
  if (stroke.kind === "polyline") return stroke.points;
  const [p0, p1, p2, p3] = stroke.points;
  const out: Point[] = [];
  for (let i = 0; i <= BEZIER_SEGMENTS; i++) {
    const t = i / BEZIER_SEGMENTS;
    const u = 1 - t;
    const a = u * u * u;
    const b = 3 * u * u * t;
    const c = 3 * u * t * t;
    const d = t * t * t;
    out.push([a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]]);
  }
  return out;
}

/**
 * One drawer's version of the canonical strokes: a small random affine transform of the whole glyph (rotation,
 * anisotropic scale, shear, shift) plus independent noise on every control point.
 */
export function jitterStrokes(strokes: Stroke[], rng: Rng): Stroke[] {
  const angle = rng.normal() * 0.1;
  const sx = 1 + rng.normal() * 0.07;
  const sy = 1 + rng.normal() * 0.07;
  const shear = rng.normal() * 0.08;
  const tx = rng.normal() * 0.03;
  const ty = rng.normal() * 0.03;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const transform = ([x, y]: Point): Point => {
    const u = (x - 0.5) * sx + shear * (y - 0.5);
    const v = (y - 0.5) * sy;
    return [0.5 + tx + cos * u - sin * v, 0.5 + ty + sin * u + cos * v];
  };
  return strokes.map((s) => ({
    kind: s.kind,
    points: s.points.map((p) => {
      const [x, y] = transform(p);
      return [x + rng.normal() * 0.015, y + rng.normal() * 0.015] as Point;
    }),
  }));
}
