import { CIFAR100_FINE_NAMES, superclassOf } from "@/benchmarks/datasets/cifar100/names";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A scratch folder for one test file: `datasets` (the store root) and `input` (files to import). */
export function importScratch() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-import-test-"));
  const datasetsDir = path.join(root, "datasets");
  const input = path.join(root, "input");
  fs.mkdirSync(input);
  return {
    root,
    datasetsDir,
    input,
    /** Names in the store root, hidden temporaries included: what a failed import must not leave behind. */
    storeEntries: () => (fs.existsSync(datasetsDir) ? fs.readdirSync(datasetsDir).sort() : []),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * Writes a small store directly (no importer): `classes` classes named by `className(i)` in group `group(i)`,
 * `perClass` images each: byte 0 is the class index, byte 1 the image index, every other byte (class·7 + image) mod 256,
 * so a test can tell where an image came from.
 */
export async function writeFakeStore(
  datasetsDir: string,
  options: {
    name: string;
    imageShape: [number, number, number];
    classes: number;
    perClass: number;
    className: (i: number) => string;
    group: (i: number) => string;
    complete: boolean;
  },
) {
  const { writeStore } = await import("@/benchmarks/datasets/store-write");
  const [h, w, c] = options.imageShape;
  return writeStore(datasetsDir, {
    name: options.name,
    imageShape: options.imageShape,
    complete: options.complete,
    sources: [],
    preprocessing: "generated for tests",
    splits: {},
    classes: Array.from({ length: options.classes }, (_, i) => ({
      name: options.className(i),
      group: options.group(i),
      images: Array.from({ length: options.perClass }, (_, j) => {
        const image = new Uint8Array(h * w * c).fill((i * 7 + j) % 256);
        image[0] = i;
        image[1] = j;
        return image;
      }),
    })),
  });
}

/**
 * Small complete stores named like the two standard datasets, so their standard benchmarks can be created: an
 * Omniglot-shaped one (28×28×1, 12 characters, every other one in a Vinyals meta-test alphabet) and a CIFAR-100-shaped
 * one (32×32×3, the 100 fine classes under their superclasses).
 */
export async function writeStandardFakeStores(datasetsDir: string): Promise<void> {
  await writeFakeStore(datasetsDir, {
    name: "omniglot",
    imageShape: [28, 28, 1],
    classes: 12,
    perClass: 20,
    className: (i) => `character${i}`,
    group: (i) => (i % 2 ? "Gurmukhi" : "Latin"),
    complete: true,
  });
  await writeFakeStore(datasetsDir, {
    name: "cifar100",
    imageShape: [32, 32, 3],
    classes: 100,
    perClass: 20,
    className: (i) => CIFAR100_FINE_NAMES[i]!,
    group: (i) => superclassOf(CIFAR100_FINE_NAMES[i]!),
    complete: true,
  });
}
