import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import { STORE_IMAGES_FILE, STORE_INDEX_FILE, storeIndexSchema, type StoreIndex } from "./store-index";

export type OpenStore = {
  index: StoreIndex;
  /** uint8 NHWC, every image of every class, in index order. */
  pixels: Uint8Array;
  /** The class entry by name. */
  classByName: Map<string, StoreIndex["classes"][number]>;
};

/** Reads an imported dataset's index only (cheap): undefined when it has not been imported. */
export function readStoreIndex(datasetsDir: string, name: string): StoreIndex | undefined {
  const file = path.join(datasetsDir, name, STORE_INDEX_FILE);
  if (!fs.existsSync(file)) return undefined;
  const parsed = storeIndexSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new AppError(
      "dataset_invalid",
      `${file} is not a dataset index this version can read: ${parsed.error.issues[0]?.message}`,
      500,
    );
  return parsed.data;
}

/**
 * Loads an imported dataset into memory and checks its images against the index's sha256, so a store damaged on a
 * shared disk fails loudly instead of scoring on wrong pixels.
 */
export function loadStore(datasetsDir: string, name: string): OpenStore {
  const index = readStoreIndex(datasetsDir, name);
  if (!index) {
    throw new AppError(
      "dataset_missing",
      `dataset "${name}" has not been imported into ${datasetsDir} (run \`heldout import\`)`,
      503,
    );
  }
  const file = path.join(datasetsDir, name, STORE_IMAGES_FILE);
  const pixels = new Uint8Array(fs.readFileSync(file));
  const [h, w, c] = index.imageShape;
  if (pixels.length !== index.images * h * w * c) {
    throw new AppError(
      "dataset_invalid",
      `${file} holds ${pixels.length} bytes; its index promises ${index.images} images of ${h}×${w}×${c}`,
      500,
    );
  }
  if (createHash("sha256").update(pixels).digest("hex") !== index.sha256) {
    throw new AppError(
      "dataset_invalid",
      `${file} does not match the sha256 in its index: the store is damaged; import the dataset again`,
      500,
    );
  }
  return { index, pixels, classByName: new Map(index.classes.map((c) => [c.name, c])) };
}
