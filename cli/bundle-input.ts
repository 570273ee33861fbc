import fs from "node:fs";
import path from "node:path";
import { checkBundle, packBundle, type CheckedBundle } from "@/evaluator/bundle";
import { formatBytes } from "@/evaluator/bundle/limits";
import { getConfig } from "@/lib/config";
import { UsageError } from "./args";

export type PreparedBundle = CheckedBundle & { archive: string; packed: boolean; cleanup: () => Promise<void> };

/**
 * A bundle given on the command line, as the archive that would be uploaded, checked exactly as the server checks
 * it (under the same configured archive cap): an archive as is, a directory packed into a temporary .tar.gz first.
 */
export async function prepareBundle(input: string): Promise<PreparedBundle> {
  const limits = { maxArchiveBytes: getConfig().limits.maxBundleBytes };
  const stat = await fs.promises.stat(input).catch(() => undefined);
  if (!stat) throw new UsageError(`No such file or directory: ${input}`);
  if (stat.isDirectory()) {
    const archive = await packBundle(input, { limits });
    const cleanup = () => fs.promises.rm(path.dirname(archive), { recursive: true, force: true });
    try {
      return { ...(await checkBundle({ path: archive, limits })), archive, packed: true, cleanup };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }
  return { ...(await checkBundle({ path: input, limits })), archive: input, packed: false, cleanup: async () => {} };
}

export function describeBundle(bundle: CheckedBundle): string {
  const { manifest } = bundle;
  return `${manifest.name} (${manifest.track}/${manifest.kind}), ${bundle.files.length} file${bundle.files.length === 1 ? "" : "s"}, ${formatBytes(bundle.bytes)} archive, sha256 ${bundle.sha256.slice(0, 12)}`;
}
