import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  AUTHORED_SPLIT_PREFIX,
  STORE_FORMAT_VERSION,
  STORE_IMAGES_FILE,
  STORE_INDEX_FILE,
  storeIndexSchema,
  type StoreIndex,
} from "./store-index";

export type StoreDraft = Omit<StoreIndex, "format" | "version" | "images" | "sha256" | "classes" | "importedAt"> & {
  classes: { name: string; group: string; images: Uint8Array[] }[];
};

/**
 * Writes a dataset into `datasetsDir/<name>` atomically: everything goes to a hidden temporary directory beside it,
 * which is renamed into place only when complete, so readers see the old store or the new one, never half of one.
 */
export async function writeStore(datasetsDir: string, draft: StoreDraft): Promise<StoreIndex> {
  const [h, w, c] = draft.imageShape;
  const imageBytes = h * w * c;
  await fs.promises.mkdir(datasetsDir, { recursive: true });
  const temporary = path.join(datasetsDir, `.${draft.name}.importing-${process.pid}-${randomBytes(4).toString("hex")}`);
  await fs.promises.mkdir(temporary);
  try {
    const hash = createHash("sha256");
    const out = await fs.promises.open(path.join(temporary, STORE_IMAGES_FILE), "w");
    const classes: StoreIndex["classes"] = [];
    let offset = 0;
    try {
      for (const entry of draft.classes) {
        for (const image of entry.images) {
          if (image.length !== imageBytes)
            throw new RangeError(`class ${entry.name}: an image has ${image.length} bytes, expected ${imageBytes}`);
          hash.update(image);
          await out.write(image);
        }
        classes.push({ name: entry.name, group: entry.group, offset, count: entry.images.length });
        offset += entry.images.length;
      }
      await out.sync();
    } finally {
      await out.close();
    }
    const index: StoreIndex = {
      format: "heldout-image-store",
      version: STORE_FORMAT_VERSION,
      name: draft.name,
      imageShape: draft.imageShape,
      images: offset,
      sha256: hash.digest("hex"),
      classes,
      complete: draft.complete,
      sources: draft.sources,
      preprocessing: draft.preprocessing,
      splits: { ...(await authoredSplitsToKeep(path.join(datasetsDir, draft.name), classes)), ...draft.splits },
      importedAt: new Date().toISOString(),
    };
    await fs.promises.writeFile(path.join(temporary, STORE_INDEX_FILE), `${JSON.stringify(index, null, 1)}\n`);
    await replaceDirectory(temporary, path.join(datasetsDir, draft.name));
    return index;
  } catch (error) {
    await fs.promises.rm(temporary, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The organizer-authored splits of the store being replaced whose classes all exist in the new import: published
 * benchmarks name them, so re-importing the data must not take them away.
 */
async function authoredSplitsToKeep(storeDir: string, classes: StoreIndex["classes"]): Promise<StoreIndex["splits"]> {
  const text = await fs.promises.readFile(path.join(storeDir, STORE_INDEX_FILE), "utf8").catch(() => null);
  if (text === null) return {};
  let previous;
  try {
    previous = storeIndexSchema.safeParse(JSON.parse(text));
  } catch {
    return {}; // an unreadable earlier index has nothing to keep
  }
  if (!previous.success) return {};
  const names = new Set(classes.map((c) => c.name));
  return Object.fromEntries(
    Object.entries(previous.data.splits).filter(
      ([name, lists]) =>
        name.startsWith(AUTHORED_SPLIT_PREFIX) &&
        [...lists.train, ...lists.val, ...lists.test].every((c) => names.has(c)),
    ),
  );
}

/** Moves `from` to `to`, replacing an earlier import: the old one is renamed aside first and removed last. */
async function replaceDirectory(from: string, to: string): Promise<void> {
  const old = `${from}.previous`;
  const hadOld = await fs.promises.rename(to, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return false;
      throw error;
    },
  );
  try {
    await fs.promises.rename(from, to);
  } catch (error) {
    if (hadOld) await fs.promises.rename(old, to);
    throw error;
  }
  if (hadOld) await fs.promises.rm(old, { recursive: true, force: true });
}
