import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BundleWriter, type BundleFile } from "./bundle-writer";
import { BundleError } from "./errors";
import { extractTarGz } from "./extract-tar";
import { extractZip } from "./extract-zip";
import { formatBytes, resolveBundleLimits, type BundleLimits } from "./limits";

export type ArchiveType = "tar.gz" | "zip";

export type UnpackedBundle = {
  /** A fresh directory holding the bundle; the caller removes it (see `removeUnpacked`). */
  dir: string;
  files: BundleFile[];
  type: ArchiveType;
  /** Size and sha256 of the archive as read. */
  bytes: number;
  sha256: string;
};

/** The archive type from its first bytes; the file name is never trusted. */
export async function sniffArchiveType(file: string): Promise<ArchiveType> {
  const handle = await fs.promises.open(file, "r");
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "tar.gz";
    if (
      bytesRead === 4 &&
      head[0] === 0x50 &&
      head[1] === 0x4b &&
      ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))
    )
      return "zip";
  } finally {
    await handle.close();
  }
  throw new BundleError(
    "bundle_unknown_type",
    "Bundle is not a .tar.gz or .zip archive (checked by its content, not its name).",
  );
}

/** How far a check is, in archive bytes: read once to hash it, then again to unpack it. */
export type CheckProgress = { stage: "reading" | "unpacking"; done: number; total: number };
export type OnCheckProgress = (progress: CheckProgress) => void;

async function hashFile(
  file: string,
  maxBytes: number,
  onRead: (bytes: number) => void,
): Promise<{ bytes: number; sha256: string }> {
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    bytes += (chunk as Buffer).length;
    if (bytes > maxBytes) throw tooLarge(maxBytes);
    hash.update(chunk as Buffer);
    onRead(bytes);
  }
  return { bytes, sha256: hash.digest("hex") };
}

function tooLarge(maxBytes: number): BundleError {
  return new BundleError(
    "bundle_too_large",
    `Bundle archive is larger than ${formatBytes(maxBytes)}; the limit is ${formatBytes(maxBytes)}.`,
    413,
  );
}

export type UnpackInput = {
  path: string;
  limits?: Partial<BundleLimits>;
  tmpDir?: string;
  onProgress?: OnCheckProgress;
};

/**
 * Extracts a bundle archive into a fresh temporary directory under hard limits checked while extracting.
 * On any refusal the directory is removed and a BundleError says which entry or limit was at fault.
 */
export async function unpackBundle(input: UnpackInput): Promise<UnpackedBundle> {
  const limits = resolveBundleLimits(input.limits);
  const stat = await fs.promises.stat(input.path).catch(() => undefined);
  if (!stat?.isFile()) throw new BundleError("bundle_not_found", `No bundle archive at ${input.path}.`);
  if (stat.size > limits.maxArchiveBytes) throw tooLarge(limits.maxArchiveBytes);
  const type = await sniffArchiveType(input.path);
  const report = (stage: CheckProgress["stage"]) => (done: number) =>
    input.onProgress?.({ stage, done, total: stat.size });
  const { bytes, sha256 } = await hashFile(input.path, limits.maxArchiveBytes, report("reading"));
  const dir = await fs.promises.mkdtemp(path.join(input.tmpDir ?? os.tmpdir(), "heldout-bundle-"));
  try {
    const writer = new BundleWriter(dir, limits, bytes);
    if (type === "zip") await extractZip(input.path, writer, limits, report("unpacking"));
    else await extractTarGz(input.path, writer, report("unpacking"));
    writer.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { dir, files: writer.files, type, bytes, sha256 };
  } catch (error) {
    await removeUnpacked(dir);
    throw error;
  }
}

export async function removeUnpacked(dir: string): Promise<void> {
  await fs.promises.rm(dir, { recursive: true, force: true });
}
