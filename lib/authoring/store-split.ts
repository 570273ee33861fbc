import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { AUTHORED_SPLIT_PREFIX, STORE_INDEX_FILE, storeIndexSchema } from "@/benchmarks/datasets/store-index";
import { PlatformError } from "@/lib/core/errors";

export type ClassLists = { train: string[]; val: string[]; test: string[] };

/**
 * The name an authored class split is stored under: derived from its lists, so the same lists always get the same
 * name and a stored split never changes meaning under a published benchmark.
 */
export function authoredSplitName(lists: ClassLists): string {
  const digest = createHash("sha256")
    .update(JSON.stringify([lists.train, lists.val, lists.test]))
    .digest("hex");
  return `${AUTHORED_SPLIT_PREFIX}${digest.slice(0, 16)}`;
}

const LOCK_WAIT_MS = 10_000;
const LOCK_STALE_MS = 30_000;

/**
 * Adds an authored split to a store's index.json (where the evaluator resolves split names), unless it is there
 * already. Writers take a lock file so two publishes cannot drop each other's split; the index is replaced by rename,
 * so readers see the old file or the new one.
 */
export async function registerStoreSplit(input: {
  datasetsDir: string;
  store: string;
  name: string;
  lists: ClassLists;
}): Promise<void> {
  const file = path.join(input.datasetsDir, input.store, STORE_INDEX_FILE);
  const lock = `${file}.lock`;
  await acquire(lock);
  try {
    const index = storeIndexSchema.parse(JSON.parse(await fs.promises.readFile(file, "utf8")));
    if (index.splits[input.name]) return;
    index.splits[input.name] = input.lists;
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.promises.writeFile(temporary, `${JSON.stringify(index, null, 1)}\n`);
    await fs.promises.rename(temporary, file);
  } finally {
    await fs.promises.rm(lock, { force: true });
  }
}

async function acquire(lock: string): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await fs.promises.writeFile(lock, String(process.pid), { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A writer that died holding the lock must not block every later publish.
      const age = Date.now() - (await fs.promises.stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > LOCK_STALE_MS) await fs.promises.rm(lock, { force: true });
      else if (Date.now() > deadline) throw new PlatformError(`${lock} is held by another writer; try again`);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
