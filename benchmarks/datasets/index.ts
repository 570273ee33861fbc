import { importCifar100 } from "./cifar100/import";
import type { ImportOptions } from "./import-support";
import { importOmniglot } from "./omniglot/import";
import type { StoreIndex } from "./store-index";

/** `heldout import <dataset> <path>`: every importer, by the name the command takes. */
export const importers: Record<string, (input: string, options: ImportOptions) => Promise<StoreIndex>> = {
  omniglot: importOmniglot,
  cifar100: importCifar100,
};

export type { ImportOptions, ImportProgress } from "./import-support";
export { loadStore, readStoreIndex, type OpenStore } from "./store-read";
export type { StoreIndex } from "./store-index";
