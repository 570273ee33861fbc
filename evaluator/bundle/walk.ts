import fs from "node:fs";
import path from "node:path";
import type { BundleFile } from "./bundle-writer";
import { checkEntryPath } from "./entry-path";
import { BundleError } from "./errors";
import { formatBytes, type BundleLimits } from "./limits";

/** Version-control metadata is never part of a bundle. */
const SKIPPED = new Set([".git"]);

/**
 * Lists the regular files of a bundle directory under the same rules as an archive: no symlinks or special
 * files, and the entry, per-file, total and path-length limits.
 */
export async function walkBundleDir(
  root: string,
  limits: BundleLimits,
): Promise<{ files: BundleFile[]; dirs: string[] }> {
  const files: BundleFile[] = [];
  const dirs: string[] = [];
  let total = 0;
  const visit = async (rel: string): Promise<void> => {
    const entries = await fs.promises.readdir(path.join(root, rel), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (SKIPPED.has(entry.name)) continue;
      const p = checkEntryPath(rel ? `${rel}/${entry.name}` : entry.name, limits.maxPathLength)!;
      if (files.length + dirs.length >= limits.maxEntries) {
        throw new BundleError(
          "bundle_too_many_files",
          `Bundle has more than ${limits.maxEntries} entries; the limit is ${limits.maxEntries}.`,
          413,
        );
      }
      if (entry.isSymbolicLink())
        throw new BundleError("bundle_symlink", `Bundle entry "${p}": symbolic links are not allowed.`);
      if (entry.isDirectory()) {
        dirs.push(p);
        await visit(p);
      } else if (entry.isFile()) {
        const { size } = await fs.promises.stat(path.join(root, p));
        if (size > limits.maxFileBytes) {
          throw new BundleError(
            "bundle_file_too_large",
            `Bundle file "${p}" is larger than ${formatBytes(limits.maxFileBytes)}; the limit per file is ${formatBytes(limits.maxFileBytes)}.`,
            413,
          );
        }
        total += size;
        if (total > limits.maxUncompressedBytes) {
          throw new BundleError(
            "bundle_uncompressed_too_large",
            `Bundle holds more than ${formatBytes(limits.maxUncompressedBytes)}; the limit is ${formatBytes(limits.maxUncompressedBytes)}.`,
            413,
          );
        }
        files.push({ path: p, bytes: size });
      } else {
        throw new BundleError(
          "bundle_special_file",
          `Bundle entry "${p}": only regular files and directories are allowed.`,
        );
      }
    }
  };
  await visit("");
  return { files, dirs };
}
