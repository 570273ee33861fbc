import fs from "node:fs";
import path from "node:path";
import { importError } from "../import-support";
import { checkNames, type CifarPart } from "./records";
import { CIFAR_BINARY_RECORD, CIFAR_PIXELS } from "./official";

/** Reads the binary version from its folder: train.bin, test.bin, fine_label_names.txt, coarse_label_names.txt. */
export function readBinaryVersion(dir: string): CifarPart[] {
  for (const [file, kind] of [
    ["fine_label_names.txt", "fine"],
    ["coarse_label_names.txt", "coarse"],
  ] as const) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full))
      throw importError(`${dir} has train.bin but no ${file}: an incomplete copy of the binary version`);
    checkNames(
      full,
      kind,
      fs
        .readFileSync(full, "utf8")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== ""),
    );
  }
  return ["train.bin", "test.bin"].map((name) => {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw importError(`${dir} has no ${name}: an incomplete copy of the binary version`);
    const bytes = fs.readFileSync(file);
    if (bytes.length === 0 || bytes.length % CIFAR_BINARY_RECORD !== 0) {
      throw importError(
        `${file} is ${bytes.length} bytes, not a whole number of ${CIFAR_BINARY_RECORD}-byte records (${Math.floor(bytes.length / CIFAR_BINARY_RECORD)} whole ones): truncated or not CIFAR-100`,
      );
    }
    const n = bytes.length / CIFAR_BINARY_RECORD;
    const fine = new Uint8Array(n);
    const coarse = new Uint8Array(n);
    const pixels = new Uint8Array(n * CIFAR_PIXELS);
    for (let i = 0; i < n; i++) {
      const at = i * CIFAR_BINARY_RECORD;
      coarse[i] = bytes[at]!;
      fine[i] = bytes[at + 1]!;
      pixels.set(bytes.subarray(at + 2, at + CIFAR_BINARY_RECORD), i * CIFAR_PIXELS);
    }
    return { file, fine, coarse, pixels };
  });
}
