/**
 * Area-average resize of one image (float values, HWC): each output pixel is the mean of the input area it covers,
 * fractional pixels weighted by their overlap. This is what an anti-aliased downscale does (105 → 28 for Omniglot).
 */
export function resizeArea(
  src: Float32Array,
  from: { height: number; width: number },
  to: { height: number; width: number },
  channels: number,
): Float32Array {
  const out = new Float32Array(to.height * to.width * channels);
  const sy = from.height / to.height;
  const sx = from.width / to.width;
  for (let oy = 0; oy < to.height; oy++) {
    const y0 = oy * sy;
    const y1 = y0 + sy;
    for (let ox = 0; ox < to.width; ox++) {
      const x0 = ox * sx;
      const x1 = x0 + sx;
      for (let ch = 0; ch < channels; ch++) {
        let sum = 0;
        for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
          const wy = Math.min(y + 1, y1) - Math.max(y, y0);
          for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
            const wx = Math.min(x + 1, x1) - Math.max(x, x0);
            sum += wy * wx * src[(y * from.width + x) * channels + ch]!;
          }
        }
        out[(oy * to.width + ox) * channels + ch] = sum / (sy * sx);
      }
    }
  }
  return out;
}

/** [0, 1] floats → uint8 (rounded, clamped). */
export function toBytes(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, values[i]!)) * 255);
  return out;
}
