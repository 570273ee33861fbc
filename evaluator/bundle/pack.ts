import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { create } from "tar";
import { BundleError } from "./errors";
import { resolveBundleLimits, type BundleLimits } from "./limits";
import { validateBundleDir } from "./validate";
import { walkBundleDir } from "./walk";

/**
 * Validates a bundle directory exactly as an uploaded archive would be, then packs it into a .tar.gz.
 * The archive is reproducible (sorted entries, fixed mtime, no owner), so the same files give the same sha256.
 * Returns the archive's path: `out` if given, else a new file in a fresh temp directory the caller removes.
 */
export async function packBundle(
  dir: string,
  options: { out?: string; limits?: Partial<BundleLimits> } = {},
): Promise<string> {
  const stat = await fs.promises.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) throw new BundleError("bundle_not_found", `No bundle directory at ${dir}.`);
  const limits = resolveBundleLimits(options.limits);
  const { files, dirs } = await walkBundleDir(dir, limits);
  const { manifest } = await validateBundleDir({ dir, files });
  const out =
    options.out ??
    path.join(await fs.promises.mkdtemp(path.join(os.tmpdir(), "heldout-pack-")), `${manifest.name}.tar.gz`);
  const entries = [...dirs.map((d) => `${d}/`), ...files.map((f) => f.path)].sort();
  // Directories are listed explicitly with noDirRecurse, so each file goes in exactly once.
  await create({ gzip: true, cwd: dir, file: out, portable: true, mtime: new Date(0), noDirRecurse: true }, entries);
  return out;
}
