/** Small Omniglot-layout files for tests: 105×105 grayscale PNGs, black strokes on white, in the official folder layout. */
import { PNG } from "pngjs";
import { rawZip } from "@/testing/bundles/zip-bytes";

/** A 105×105 PNG, black (ink) where `ink(x, y)` is true, white elsewhere. */
export function omniglotPng(ink: (x: number, y: number) => boolean, size = 105): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 0, inputColorType: 0, bitDepth: 8 });
  const gray = Buffer.alloc(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) gray[y * size + x] = ink(x, y) ? 0 : 255;
  return PNG.sync.write(Object.assign(png, { data: gray }), {
    colorType: 0,
    inputColorType: 0,
    inputHasAlpha: false,
    bitDepth: 8,
  });
}

export type FakeAlphabet = { name: string; characters: number; drawers: number };

/** Image of (character c, drawer d): a vertical bar whose column depends on c, its length on d. */
export function fakeInk(c: number, d: number) {
  return (x: number, y: number) => Math.floor(x / 15) === c % 7 && y < 15 * (1 + (d % 7));
}

/** Files of one part, path → bytes: `<part>/<Alphabet>/characterNN/<id>_<drawer>.png`. */
export function omniglotFiles(part: string, alphabets: FakeAlphabet[]): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  let id = 1;
  for (const a of alphabets) {
    for (let c = 0; c < a.characters; c++, id++) {
      for (let d = 0; d < a.drawers; d++) {
        const character = `character${String(c + 1).padStart(2, "0")}`;
        files[`${part}/${a.name}/${character}/${String(id).padStart(4, "0")}_${String(d + 1).padStart(2, "0")}.png`] =
          omniglotPng(fakeInk(c, d));
      }
    }
  }
  return files;
}

export function omniglotZip(part: string, alphabets: FakeAlphabet[]): Buffer {
  return rawZip(Object.entries(omniglotFiles(part, alphabets)).map(([name, body]) => ({ name, body, deflate: true })));
}
