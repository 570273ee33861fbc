import fs from "node:fs";
import path from "node:path";

/**
 * Opens an unpacked bundle to the sandbox's unprivileged uid: folders 0755, files 0644. The unpacked copy is private
 * to this attempt (a fresh temp folder), so nothing else becomes readable.
 */
export async function makeReadable(dir: string): Promise<void> {
  await fs.promises.chmod(dir, 0o755);
  for (const entry of await fs.promises.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeReadable(full);
    else if (entry.isFile()) await fs.promises.chmod(full, 0o644);
  }
}
