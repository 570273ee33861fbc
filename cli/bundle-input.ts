import fs from "node:fs";
import path from "node:path";
import { checkBundle, packBundle, type CheckedBundle } from "@/evaluator/bundle";
import { formatBytes, type BundleLimits } from "@/evaluator/bundle/limits";
import type { CheckProgress } from "@/evaluator/bundle/unpack";
import { getConfig } from "@/lib/config";
import { displayText } from "@/lib/core/untrusted-text";
import { UsageError } from "./args";
import type { Io } from "./io";
import { stageBars } from "./progress";

export type PreparedBundle = CheckedBundle & { archive: string; packed: boolean; cleanup: () => Promise<void> };

/**
 * A bundle given on the command line, as the archive that would be uploaded, checked exactly as the server checks
 * it (under the same configured archive cap): an archive as is, a directory packed into a temporary .tar.gz first.
 */
export async function prepareBundle(input: string, io?: Io): Promise<PreparedBundle> {
  const limits = { maxArchiveBytes: getConfig().limits.maxBundleBytes };
  const stat = await fs.promises.stat(input).catch(() => undefined);
  if (!stat) throw new UsageError(`No such file or directory: ${input}`);
  if (stat.isDirectory()) {
    const archive = await packBundle(input, { limits });
    const cleanup = () => fs.promises.rm(path.dirname(archive), { recursive: true, force: true });
    try {
      return { ...(await check(archive, limits, io)), archive, packed: true, cleanup };
    } catch (error) {
      await cleanup();
      throw error;
    }
  }
  return { ...(await check(input, limits, io)), archive: input, packed: false, cleanup: async () => {} };
}

/** Archives from this size on take seconds to check: their check shows a bar for each of its two passes. */
export const LARGE_BUNDLE_BYTES = 16 * 1024 * 1024;

async function check(archive: string, limits: Partial<BundleLimits>, io: Io | undefined) {
  const large = io && (await fs.promises.stat(archive)).size >= LARGE_BUNDLE_BYTES;
  const bars = large ? stageBars(io, () => ({ bytes: true })) : undefined;
  const onProgress = bars && ((p: CheckProgress) => bars({ ...p, stage: `Checking (${p.stage})` }));
  return checkBundle({ path: archive, limits, onProgress });
}

export function describeBundle(bundle: CheckedBundle): string {
  const { manifest, onnx } = bundle;
  const shape = (dims: (number | string | null)[]) =>
    `[${dims.map((d) => displayText(String(d ?? "?"), 40)).join(", ")}]`;
  const model = onnx ? `, ONNX model (opset ${onnx.opset}, ${shape(onnx.input)} → ${shape(onnx.output)})` : "";
  return `${manifest.name} (${manifest.track}/${manifest.kind}), ${bundle.files.length} file${bundle.files.length === 1 ? "" : "s"}, ${formatBytes(bundle.bytes)} archive, sha256 ${bundle.sha256.slice(0, 12)}${model}`;
}
