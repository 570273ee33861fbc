import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Content-addressed bundle store on a filesystem path (local disk or a shared mount seen by every host).
 * A bundle lives at `<dir>/bundles/<first two hex>/<sha256>`; the name is its content, so writing it twice is harmless.
 */
export type BundleStore = {
  /** Copies `file` into the store under `sha256`; atomic: readers see the whole file or none. */
  put: (file: string, sha256: string) => Promise<string>;
  path: (sha256: string) => string;
  has: (sha256: string) => boolean;
  remove: (sha256: string) => Promise<void>;
};

const SHA256 = /^[0-9a-f]{64}$/;

/** The store under `dir` (the configured HELDOUT_STORAGE, which a composition root passes). */
export function openBundleStore(dir: string): BundleStore {
  const pathOf = (sha256: string) => {
    // The name becomes a path: only a real digest may reach the filesystem.
    if (!SHA256.test(sha256)) throw new Error(`Not a sha256 digest: ${JSON.stringify(sha256)}`);
    return path.join(dir, "bundles", sha256.slice(0, 2), sha256);
  };
  return {
    path: pathOf,
    has: (sha256) => fs.existsSync(pathOf(sha256)),
    put: async (file, sha256) => {
      const target = pathOf(sha256);
      if (fs.existsSync(target)) return target;
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // Copy beside the target, then rename: a rename within one directory is atomic, also on shared mounts.
      const partial = `${target}.${crypto.randomBytes(6).toString("hex")}.partial`;
      try {
        await fs.promises.copyFile(file, partial);
        await fs.promises.rename(partial, target);
      } catch (error) {
        await fs.promises.rm(partial, { force: true });
        throw error;
      }
      return target;
    },
    remove: async (sha256) => {
      await fs.promises.rm(pathOf(sha256), { force: true });
    },
  };
}
