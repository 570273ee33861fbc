import fs from "node:fs";
import { withExtractedTarGz, findFolderWith } from "../extract";
import { checkPublishedMd5, fileMd5, importError, type ImportOptions } from "../import-support";
import type { StoreIndex, SourceFile } from "../store-index";
import { writeStore } from "../store-write";
import { CIFAR100_COARSE_NAMES, CIFAR100_FINE_NAMES } from "./names";
import { CIFAR100_ARCHIVES, CIFAR100_IMAGES_PER_CLASS, CIFAR100_PYTHON_FILES, CIFAR100_RECORDS } from "./official";
import { readBinaryVersion } from "./read-binary";
import { readPythonVersion } from "./read-python";
import { checkLabels, recordToHwc, type CifarPart } from "./records";

export const CIFAR100_STORE = "cifar100";

/**
 * Imports CIFAR-100 (binary or Python version; its .tar.gz or the extracted folder) into the `cifar100` store:
 * 32×32×3 uint8 images, one class per fine label in label order, each class's train images then its test images in
 * file order. CIFAR-FS and FC100 are class splits of this one store.
 */
export async function importCifar100(input: string, options: ImportOptions): Promise<StoreIndex> {
  if (!fs.existsSync(input)) throw importError(`${input} does not exist`);
  if (fs.statSync(input).isDirectory()) return importFolder(input, options, []);
  if (!/\.(tar\.gz|tgz)$/.test(input))
    throw importError(`${input}: expected cifar-100-binary.tar.gz, cifar-100-python.tar.gz or their extracted folder`);
  const source = await checkArchive(input, options);
  return withExtractedTarGz(input, options.datasetsDir, (dir) => importFolder(dir, options, [source]));
}

async function checkArchive(file: string, options: ImportOptions): Promise<SourceFile> {
  const bytes = fs.statSync(file).size;
  const md5 = await fileMd5(file, (done, total) =>
    options.onProgress?.({ stage: "checksum", done, total, bytes: true }),
  );
  const official = CIFAR100_ARCHIVES.find((a) => a.md5 === md5);
  if (official) return { name: official.name, bytes, md5, verified: true };
  if (options.subset) return { name: file, bytes, md5, verified: false };
  const named = CIFAR100_ARCHIVES.find((a) => file.endsWith(a.name));
  const hint =
    named && bytes < named.bytes ? ` It is ${bytes} bytes, the official ${named.name} ${named.bytes}: truncated.` : "";
  throw importError(
    `${file}: md5 ${md5} matches neither official archive (${CIFAR100_ARCHIVES.map((a) => `${a.name} ${a.md5}`).join(", ")}).${hint} Download it again (or pass --subset to import a reduced copy).`,
  );
}

async function importFolder(root: string, options: ImportOptions, sources: SourceFile[]): Promise<StoreIndex> {
  const binaryDir = findFolderWith(root, "train.bin");
  const pythonDir = binaryDir ? undefined : findFolderWith(root, "meta");
  if (!binaryDir && !pythonDir) {
    throw importError(
      `${root} holds neither the binary version (train.bin, test.bin, *_label_names.txt) nor the Python version (train, test, meta)`,
    );
  }
  let parts: CifarPart[];
  if (binaryDir) {
    parts = readBinaryVersion(binaryDir);
  } else {
    if (sources.length === 0) sources.push(...(await checkPythonFiles(pythonDir!, options)));
    parts = readPythonVersion(pythonDir!);
  }
  for (const part of parts) checkLabels(part);
  const complete = checkComplete(parts, options) && sources.every((s) => s.verified);

  const classes = CIFAR100_FINE_NAMES.map((name) => ({ name, group: "", images: [] as Uint8Array[] }));
  const total = parts.reduce((n, p) => n + p.fine.length, 0);
  let done = 0;
  for (const part of parts) {
    for (let i = 0; i < part.fine.length; i++) {
      const entry = classes[part.fine[i]!]!;
      entry.group = CIFAR100_COARSE_NAMES[part.coarse[i]!]!;
      entry.images.push(recordToHwc(part.pixels, i));
      if (++done % 5000 === 0 || done === total) options.onProgress?.({ stage: "images", done, total });
    }
  }
  const missing = classes.find((c) => c.images.length === 0);
  if (missing) throw importError(`no image of class ${missing.name}: not a usable copy of CIFAR-100`);
  return writeStore(options.datasetsDir, {
    name: CIFAR100_STORE,
    imageShape: [32, 32, 3],
    classes,
    complete,
    sources,
    preprocessing:
      "CIFAR-100 as published: 32×32 RGB, channels interleaved (HWC), values 0–255 (read as /255 into [0, 1]); no resizing, no normalisation.",
    splits: {},
  });
}

/** The extracted Python files have published checksums too; a full copy must match them. */
async function checkPythonFiles(dir: string, options: ImportOptions): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const [name, md5] of Object.entries(CIFAR100_PYTHON_FILES)) {
    const file = `${dir}/${name}`;
    if (!fs.existsSync(file)) throw importError(`${dir} has no ${name}: an incomplete copy of the Python version`);
    out.push(await checkPublishedMd5(file, { name, md5 }, options));
  }
  return out;
}

/** The official counts: 50,000 + 10,000 records, 600 images per class. Fewer is an error unless importing a subset. */
function checkComplete(parts: CifarPart[], options: ImportOptions): boolean {
  const [train, test] = parts as [CifarPart, CifarPart];
  const full = train.fine.length === CIFAR100_RECORDS.train && test.fine.length === CIFAR100_RECORDS.test;
  if (!full && !options.subset) {
    throw importError(
      `${train.file} has ${train.fine.length} records and ${test.file} ${test.fine.length}; CIFAR-100 has ${CIFAR100_RECORDS.train} and ${CIFAR100_RECORDS.test}: a partial copy (pass --subset to import it anyway)`,
    );
  }
  if (!full) return false;
  const counts = new Array<number>(100).fill(0);
  for (const part of parts) for (let i = 0; i < part.fine.length; i++) counts[part.fine[i]!]!++;
  const short = counts.findIndex((c) => c !== CIFAR100_IMAGES_PER_CLASS);
  if (short >= 0 && !options.subset)
    throw importError(
      `class ${short} has ${counts[short]} images, expected ${CIFAR100_IMAGES_PER_CLASS}: the files are corrupt`,
    );
  return short < 0;
}
