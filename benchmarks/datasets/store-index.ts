import { z } from "zod";

/** Bump when preprocessing changes: a store of another version is refused, never silently reinterpreted. */
export const STORE_FORMAT_VERSION = 1;
export const STORE_INDEX_FILE = "index.json";
export const STORE_IMAGES_FILE = "images.bin";

const classEntry = z
  .object({
    name: z.string().min(1),
    /** Coarse grouping: the CIFAR-100 superclass, the Omniglot alphabet, or "" for folder datasets. */
    group: z.string(),
    /** First image of this class, counted in images (not bytes). */
    offset: z.number().int().min(0),
    count: z.number().int().min(1),
  })
  .strict();

const sourceFile = z
  .object({ name: z.string(), bytes: z.number().int().min(0), md5: z.string(), verified: z.boolean() })
  .strict();

/**
 * index.json of one imported dataset. Images are uint8 NHWC, class after class, in images.bin; pixel values map to
 * [0, 1] by /255. Readable by any host that mounts the same datasets directory.
 */
export const storeIndexSchema = z
  .object({
    format: z.literal("heldout-image-store"),
    version: z.literal(STORE_FORMAT_VERSION),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
    imageShape: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
    images: z.number().int().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    classes: z.array(classEntry).min(2),
    /** The whole official dataset, every published checksum matched: only then are standard benchmarks created. */
    complete: z.boolean(),
    /** What was imported and whether each file matched its published checksum. */
    sources: z.array(sourceFile),
    /** How the pixels were produced, for benchmark pages. */
    preprocessing: z.string(),
    /** Class splits stored with the data (folder datasets); the standard splits live in benchmarks/splits. */
    splits: z
      .record(
        z.string(),
        z.object({ train: z.array(z.string()), val: z.array(z.string()), test: z.array(z.string()) }).strict(),
      )
      .default({}),
    importedAt: z.string(),
  })
  .strict();

export type StoreIndex = z.infer<typeof storeIndexSchema>;
export type StoreClass = StoreIndex["classes"][number];
export type SourceFile = z.infer<typeof sourceFile>;

/** Splits an organizer authored from explicit class lists are stored under this prefix; a re-import keeps them. */
export const AUTHORED_SPLIT_PREFIX = "authored-";
