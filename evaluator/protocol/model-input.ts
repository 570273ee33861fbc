/**
 * Whether a model's declared input takes what a task sends: shared by the upload check (the trusted side, from the
 * ONNX file) and the sandboxed runtime (from ONNX Runtime's session), so both say the same thing.
 */

/** A declared dimension: a number when fixed (≤ 0 counts as unknown), a string when symbolic, null when absent. */
export type DeclaredDim = number | string | null;

/**
 * The problem, written for the competitor, when a fixed dimension of `declared` (batch first) differs from `expected`
 * (batch excluded, in the model's own layout); undefined when it fits.
 */
export function modelInputMismatch(
  declared: readonly DeclaredDim[],
  expected: readonly number[],
  what: string,
): string | undefined {
  const dims = declared.slice(1);
  const fits =
    dims.length === expected.length && dims.every((d, i) => typeof d !== "number" || d <= 0 || d === expected[i]);
  if (fits) return undefined;
  return `the ONNX model's input is [${declared.map((d) => (d === null ? "?" : String(d))).join(", ")}]; this benchmark sends ${what} [batch, ${expected.join(", ")}]`;
}

/** A few-shot task's images in a model's layout, and how to name them. */
export function imageInput(
  imageShape: readonly [number, number, number],
  layout: "nhwc" | "nchw" | undefined,
): { shape: number[]; what: string } {
  const [h, w, c] = imageShape;
  return layout === "nchw" ? { shape: [c, h, w], what: "images (layout nchw)" } : { shape: [h, w, c], what: "images" };
}
