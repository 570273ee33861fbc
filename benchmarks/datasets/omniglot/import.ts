import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { OMNIGLOT_VINYALS_COUNTS, OMNIGLOT_VINYALS_TEST_ALPHABETS } from "@/benchmarks/splits/omniglot-vinyals";
import { checkPublishedMd5, importError, type ImportOptions } from "../import-support";
import { resizeArea, toBytes } from "../images";
import type { SourceFile, StoreIndex } from "../store-index";
import { writeStore } from "../store-write";
import { OMNIGLOT_DRAWERS, OMNIGLOT_PARTS, OMNIGLOT_SIZE, OMNIGLOT_SOURCE_SIZE } from "./official";
import { listFolder, listZip, type OmniglotFile } from "./read-images";

export const OMNIGLOT_STORE = "omniglot";

const natural = new Intl.Collator("en", { numeric: true }).compare;

/**
 * Imports Omniglot from a folder holding images_background and images_evaluation, each as the official zip or its
 * extracted folder, into the `omniglot` store: one class per character ("Alphabet/characterNN", alphabets and
 * characters in natural order, background first), its drawers' images in file-name order, each resized 105→28 by area
 * averaging and inverted (ink = 1 on a 0 background, as Prototypical Networks do). Rotations are applied when episodes
 * are drawn, not stored.
 */
export async function importOmniglot(input: string, options: ImportOptions): Promise<StoreIndex> {
  if (!fs.existsSync(input) || !fs.statSync(input).isDirectory()) {
    throw importError(`${input}: expected a folder holding images_background(.zip) and images_evaluation(.zip)`);
  }
  const present = (name: string) =>
    fs.existsSync(path.join(input, `${name}.zip`)) || fs.existsSync(path.join(input, name));
  const missing = OMNIGLOT_PARTS.find((p) => !present(p.name));
  if (missing && !options.subset) {
    throw importError(
      `${input} has neither ${missing.name}.zip nor an extracted ${missing.name}/ folder: Omniglot needs both parts`,
    );
  }
  const sources: SourceFile[] = [];
  const characters: { name: string; group: string; images: Uint8Array[] }[] = [];
  for (const part of OMNIGLOT_PARTS) {
    const zipFile = path.join(input, `${part.name}.zip`);
    const folder = path.join(input, part.name);
    let files: OmniglotFile[];
    let close = () => {};
    if (fs.existsSync(zipFile)) {
      sources.push(await checkPublishedMd5(zipFile, { name: `${part.name}.zip`, md5: part.md5 }, options));
      ({ files, close } = await listZip(zipFile, part.name));
    } else if (fs.existsSync(folder)) {
      files = listFolder(folder);
    } else {
      continue;
    }
    let read: Awaited<ReturnType<typeof readPart>>;
    try {
      read = await readPart(part.name, files, options);
    } finally {
      close();
    }
    checkPartCounts(part, read, options);
    characters.push(...read);
  }
  if (characters.length === 0)
    throw importError(`${input} holds no Omniglot images (<part>/<Alphabet>/<characterNN>/<image>.png)`);
  const testCharacters = characters.filter((c) =>
    (OMNIGLOT_VINYALS_TEST_ALPHABETS as readonly string[]).includes(c.group),
  ).length;
  const complete = sources.length === 2 && sources.every((s) => s.verified) && characters.length === 1623;
  if (
    !options.subset &&
    (testCharacters !== OMNIGLOT_VINYALS_COUNTS.testCharacters ||
      characters.length - testCharacters !== OMNIGLOT_VINYALS_COUNTS.trainCharacters)
  ) {
    throw importError(
      `the Vinyals split needs ${OMNIGLOT_VINYALS_COUNTS.trainCharacters} meta-train and ${OMNIGLOT_VINYALS_COUNTS.testCharacters} meta-test characters; these files give ${characters.length - testCharacters} and ${testCharacters}`,
    );
  }
  return writeStore(options.datasetsDir, {
    name: OMNIGLOT_STORE,
    imageShape: [OMNIGLOT_SIZE, OMNIGLOT_SIZE, 1],
    classes: characters,
    complete,
    sources,
    preprocessing: `Omniglot ${OMNIGLOT_SOURCE_SIZE}×${OMNIGLOT_SOURCE_SIZE} binary images resized to ${OMNIGLOT_SIZE}×${OMNIGLOT_SIZE} by area averaging and inverted (1 − x): ink near 1, background 0; one channel.`,
    splits: {},
  });
}

async function readPart(part: string, files: OmniglotFile[], options: ImportOptions) {
  const byCharacter = new Map<string, OmniglotFile[]>();
  for (const f of files) {
    const key = `${f.alphabet}/${f.character}`;
    byCharacter.set(key, [...(byCharacter.get(key) ?? []), f]);
  }
  const names = [...byCharacter.keys()].sort(natural);
  const out: { name: string; group: string; images: Uint8Array[] }[] = [];
  let done = 0;
  for (const name of names) {
    const images: Uint8Array[] = [];
    for (const f of byCharacter.get(name)!.sort((a, b) => natural(a.file, b.file))) {
      images.push(decode(`${part}/${name}/${f.file}`, await f.read()));
      options.onProgress?.({ stage: part, done: ++done, total: files.length });
    }
    if (images.length !== OMNIGLOT_DRAWERS && !options.subset) {
      throw importError(
        `${part}/${name} has ${images.length} images; every Omniglot character has ${OMNIGLOT_DRAWERS} (one per drawer): a partial copy`,
      );
    }
    out.push({ name, group: name.split("/")[0]!, images });
  }
  return out;
}

function decode(where: string, bytes: Buffer): Uint8Array {
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    throw importError(`${where} is not a readable PNG: ${(error as Error).message}`);
  }
  if (png.width !== OMNIGLOT_SOURCE_SIZE || png.height !== OMNIGLOT_SOURCE_SIZE) {
    throw importError(
      `${where} is ${png.width}×${png.height}; Omniglot images are ${OMNIGLOT_SOURCE_SIZE}×${OMNIGLOT_SOURCE_SIZE}`,
    );
  }
  const inverted = new Float32Array(png.width * png.height);
  for (let i = 0; i < inverted.length; i++) inverted[i] = 1 - png.data[i * 4]! / 255;
  const size = { height: OMNIGLOT_SIZE, width: OMNIGLOT_SIZE };
  return toBytes(resizeArea(inverted, { height: png.height, width: png.width }, size, 1));
}

function checkPartCounts(
  part: (typeof OMNIGLOT_PARTS)[number],
  characters: { group: string }[],
  options: ImportOptions,
): void {
  if (options.subset) return;
  const alphabets = new Set(characters.map((c) => c.group)).size;
  if (alphabets !== part.alphabets || characters.length !== part.characters) {
    throw importError(
      `${part.name} has ${alphabets} alphabets and ${characters.length} characters; the official one has ${part.alphabets} and ${part.characters}: a partial copy`,
    );
  }
}
