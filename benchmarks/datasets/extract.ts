import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as tar from "tar";
import { importError } from "./import-support";

/**
 * Extracts a .tar.gz into a scratch folder beside the stores (same disk) and hands it to `use`; the folder is removed
 * afterwards whatever happens. A truncated or corrupt archive is a specific error.
 */
export async function withExtractedTarGz<T>(
  archive: string,
  datasetsDir: string,
  use: (dir: string) => Promise<T>,
): Promise<T> {
  await fs.promises.mkdir(datasetsDir, { recursive: true });
  const dir = path.join(datasetsDir, `.extract-${process.pid}-${randomBytes(4).toString("hex")}`);
  await fs.promises.mkdir(dir);
  try {
    try {
      await tar.x({ file: archive, cwd: dir, strict: true, gzip: true });
    } catch (error) {
      throw importError(
        `${archive} is not a complete .tar.gz archive (truncated or corrupt?): ${(error as Error).message}`,
      );
    }
    return await use(dir);
  } finally {
    // node-tar rejects on the first bad block while its file writers may still be finishing: retry on ENOTEMPTY.
    await fs.promises.rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}

/** The folder at `root` or one level below that contains `marker` (archives wrap their files in a folder). */
export function findFolderWith(root: string, marker: string): string | undefined {
  if (fs.existsSync(path.join(root, marker))) return root;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (entry.isDirectory() && fs.existsSync(path.join(root, entry.name, marker))) return path.join(root, entry.name);
  }
  return undefined;
}
