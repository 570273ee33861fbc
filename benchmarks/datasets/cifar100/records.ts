import { importError } from "../import-support";
import { CIFAR100_COARSE_NAMES, CIFAR100_FINE_NAMES, CIFAR100_HIERARCHY } from "./names";
import { CIFAR_PIXELS } from "./official";

/** Images of one part (train or test) of CIFAR-100, as read from either version: pixels planar (R, G, B planes). */
export type CifarPart = { file: string; fine: ArrayLike<number>; coarse: ArrayLike<number>; pixels: Uint8Array };

/** Checks every record's labels: in range and a fine class under its own superclass (else the file is corrupt). */
export function checkLabels(part: CifarPart): void {
  const n = part.fine.length;
  if (part.coarse.length !== n)
    throw importError(`${part.file}: ${n} fine labels but ${part.coarse.length} coarse labels`);
  if (part.pixels.length !== n * CIFAR_PIXELS)
    throw importError(`${part.file}: ${n} labels but ${part.pixels.length / CIFAR_PIXELS} images`);
  for (let i = 0; i < n; i++) {
    const fine = part.fine[i]!;
    const coarse = part.coarse[i]!;
    if (!(fine >= 0 && fine < 100))
      throw importError(`${part.file}: record ${i} has fine label ${fine}; CIFAR-100 labels are 0–99`);
    if (!(coarse >= 0 && coarse < 20))
      throw importError(`${part.file}: record ${i} has coarse label ${coarse}; CIFAR-100 superclasses are 0–19`);
    const name = CIFAR100_FINE_NAMES[fine]!;
    const superclass = CIFAR100_COARSE_NAMES[coarse]!;
    if (!CIFAR100_HIERARCHY[superclass]!.includes(name)) {
      throw importError(
        `${part.file}: record ${i} is ${name} under superclass ${superclass}, which CIFAR-100 never does: the file is corrupt`,
      );
    }
  }
}

/** Checks that a file's class names are CIFAR-100's, in label order. */
export function checkNames(file: string, kind: "fine" | "coarse", names: readonly string[]): void {
  const expected = kind === "fine" ? CIFAR100_FINE_NAMES : CIFAR100_COARSE_NAMES;
  if (names.length !== expected.length)
    throw importError(`${file}: ${names.length} ${kind} label names, expected ${expected.length}`);
  const at = names.findIndex((n, i) => n !== expected[i]);
  if (at >= 0) throw importError(`${file}: ${kind} label ${at} is named "${names[at]}", expected "${expected[at]}"`);
}

/** Planar CHW record i → interleaved HWC (what the store and every bundle see). */
export function recordToHwc(pixels: Uint8Array, i: number): Uint8Array {
  const out = new Uint8Array(CIFAR_PIXELS);
  const base = i * CIFAR_PIXELS;
  for (let p = 0; p < 1024; p++) {
    out[p * 3] = pixels[base + p]!;
    out[p * 3 + 1] = pixels[base + 1024 + p]!;
    out[p * 3 + 2] = pixels[base + 2048 + p]!;
  }
  return out;
}
