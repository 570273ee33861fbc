import { createHash } from "node:crypto";
import fs from "node:fs";
import { AppError } from "@/lib/core/errors";

/** How far an import stage is: `done` of `total` images, or of `total` bytes when `bytes` (checksums). */
export type ImportProgress = { stage: string; done: number; total: number; bytes?: true };

export type ImportOptions = {
  /** Where stores live: getConfig().datasetsDir. */
  datasetsDir: string;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Accept a reduced copy in the official format (fewer records or images, other checksums). The store is then
   * marked incomplete and no standard benchmark is created from it. Meant for trying the tools on small files.
   */
  subset?: boolean;
};

/** A problem with the files being imported: nothing has been written when this is thrown. */
export function importError(message: string): AppError {
  return new AppError("import_invalid", message, 400);
}

/** md5 of a file, streamed (archives are ~170 MB). */
export async function fileMd5(file: string, onBytes?: (done: number, total: number) => void): Promise<string> {
  const total = (await fs.promises.stat(file)).size;
  const hash = createHash("md5");
  let done = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    done += (chunk as Buffer).length;
    onBytes?.(done, total);
  }
  return hash.digest("hex");
}

/** Verifies `file` against a published md5 (a mismatch is a specific error naming both sums) and describes it. */
export async function checkPublishedMd5(
  file: string,
  expected: { name: string; md5: string; bytes?: number },
  options: ImportOptions,
): Promise<{ name: string; bytes: number; md5: string; verified: boolean }> {
  const bytes = (await fs.promises.stat(file)).size;
  const md5 = await fileMd5(file, (done, total) =>
    options.onProgress?.({ stage: `checksum ${expected.name}`, done, total, bytes: true }),
  );
  if (md5 === expected.md5) return { name: expected.name, bytes, md5, verified: true };
  if (options.subset) return { name: expected.name, bytes, md5, verified: false };
  const size =
    expected.bytes && bytes < expected.bytes
      ? ` It is ${bytes} bytes, the official file ${expected.bytes}: it looks truncated.`
      : "";
  throw importError(
    `${file}: md5 ${md5} does not match the published ${expected.md5} of ${expected.name}.${size} Download it again (or pass --subset to import a reduced copy).`,
  );
}
