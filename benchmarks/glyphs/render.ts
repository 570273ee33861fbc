import { flatten, type Stroke } from "./strokes";

/**
 * Rasterizes strokes into a size×size float32 image, row-major, ink = 1 on a 0 background. Antialiased: a pixel's
 * ink falls off linearly over one pixel at the stroke's edge (distance from the pixel centre to the nearest segment).
 */
export function renderStrokes(strokes: Stroke[], options: { size: number; width: number }): Float32Array {
  const { size, width } = options;
  const image = new Float32Array(size * size);
  const half = width / 2;
  const reach = half + 0.5;
  for (const stroke of strokes) {
    const points = flatten(stroke).map(([x, y]) => [x * size, y * size]);
    for (let i = 1; i < points.length; i++) drawSegment(image, size, points[i - 1], points[i], half, reach);
  }
  return image;
}

function drawSegment(image: Float32Array, size: number, a: number[], b: number[], half: number, reach: number) {
  const [ax, ay] = a;
  const dx = b[0] - ax;
  const dy = b[1] - ay;
  const lengthSquared = dx * dx + dy * dy;
  const x0 = Math.max(0, Math.floor(Math.min(ax, b[0]) - reach));
  const x1 = Math.min(size - 1, Math.ceil(Math.max(ax, b[0]) + reach));
  const y0 = Math.max(0, Math.floor(Math.min(ay, b[1]) - reach));
  const y1 = Math.min(size - 1, Math.ceil(Math.max(ay, b[1]) + reach));
  for (let row = y0; row <= y1; row++) {
    const py = row + 0.5;
    for (let col = x0; col <= x1; col++) {
      const px = col + 0.5;
      const t = lengthSquared > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / lengthSquared)) : 0;
      const ex = px - (ax + t * dx);
      const ey = py - (ay + t * dy);
      const ink = Math.min(1, Math.max(0, half + 0.5 - Math.sqrt(ex * ex + ey * ey)));
      const k = row * size + col;
      if (ink > image[k]) image[k] = ink;
    }
  }
}
