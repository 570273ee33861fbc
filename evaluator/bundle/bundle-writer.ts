import fs from "node:fs";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { checkEntryPath } from "./entry-path";
import { BundleError } from "./errors";
import { formatBytes, type BundleLimits } from "./limits";

export type BundleFile = { path: string; bytes: number };

/**
 * Writes the entries of one archive into a fresh directory, enforcing every limit as bytes arrive:
 * entry count, per-file size, total inflated bytes and ratio, path rules, duplicates and file/directory clashes.
 * Files are created with O_EXCL, so nothing already on disk is ever overwritten or followed.
 */
export class BundleWriter {
  readonly files: BundleFile[] = [];
  private readonly kinds = new Map<string, "file" | "dir" | "implicit-dir">();
  private entries = 0;
  private inflatedBytes = 0;

  /** Aborting stops every file write in flight (their pipelines reject), so nothing lands after a refusal. */
  private readonly abortController = new AbortController();

  constructor(
    readonly dir: string,
    private readonly limits: BundleLimits,
    private readonly archiveBytes: number,
  ) {}

  abort(): void {
    this.abortController.abort();
  }

  /** Counts bytes produced by decompression; throws as soon as a cap is crossed. */
  inflated(n: number): void {
    this.inflatedBytes += n;
    const { maxUncompressedBytes, maxRatio, ratioFloorBytes } = this.limits;
    if (this.inflatedBytes > maxUncompressedBytes) {
      throw new BundleError(
        "bundle_uncompressed_too_large",
        `Bundle expands to more than ${formatBytes(maxUncompressedBytes)} when unpacked; the limit is ${formatBytes(maxUncompressedBytes)}.`,
        413,
      );
    }
    if (this.inflatedBytes > ratioFloorBytes && this.inflatedBytes > maxRatio * this.archiveBytes) {
      throw new BundleError(
        "bundle_compression_ratio",
        `Bundle expands more than ${maxRatio}x (${formatBytes(this.archiveBytes)} archive, over ${formatBytes(this.inflatedBytes)} unpacked); this looks like a decompression bomb.`,
        413,
      );
    }
  }

  /** Checks an entry's name and counts it; returns its bundle path, or undefined for the archive root. */
  private admit(raw: string, kind: "file" | "dir"): string | undefined {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new BundleError(
        "bundle_too_many_files",
        `Bundle has more than ${this.limits.maxEntries} entries; the limit is ${this.limits.maxEntries}.`,
        413,
      );
    }
    const p = checkEntryPath(raw, this.limits.maxPathLength);
    if (p === undefined) return undefined;
    const segments = p.split("/");
    for (let i = 1; i < segments.length; i++) {
      const parent = segments.slice(0, i).join("/");
      if (this.kinds.get(parent) === "file") {
        throw new BundleError(
          "bundle_path_conflict",
          `Bundle entry "${p}": "${parent}" is a file, so it cannot also be a directory.`,
        );
      }
      if (!this.kinds.has(parent)) this.kinds.set(parent, "implicit-dir");
    }
    const seen = this.kinds.get(p);
    if (seen === "file" || seen === "dir") {
      throw new BundleError("bundle_duplicate_entry", `Bundle entry "${p}" appears more than once.`);
    }
    if (seen === "implicit-dir" && kind === "file") {
      throw new BundleError(
        "bundle_path_conflict",
        `Bundle entry "${p}": a directory of that name already holds files.`,
      );
    }
    this.kinds.set(p, kind);
    return p;
  }

  async addDirectory(raw: string): Promise<void> {
    const p = this.admit(raw, "dir");
    if (p !== undefined) await fs.promises.mkdir(path.join(this.dir, p), { recursive: true });
  }

  /**
   * Streams one file's body to disk. `declaredBytes` is what the archive header claims; the body is counted
   * independently, so a lying header cannot get past the per-file cap.
   */
  async addFile(raw: string, declaredBytes: number, body: Readable | AsyncIterable<Buffer>): Promise<void> {
    const p = this.admit(raw, "file");
    if (p === undefined)
      throw new BundleError(
        "bundle_path_invalid",
        `Bundle entry ${JSON.stringify(raw)}: a file cannot be the bundle root.`,
      );
    this.checkFileSize(p, declaredBytes);
    const target = path.join(this.dir, p);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    let written = 0;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        written += chunk.length;
        try {
          this.checkFileSize(p, written);
          done(null, chunk);
        } catch (error) {
          done(error as Error);
        }
      },
    });
    await pipeline(body, counter, fs.createWriteStream(target, { flags: "wx", mode: 0o644 }), {
      signal: this.abortController.signal,
    });
    this.files.push({ path: p, bytes: written });
  }

  private checkFileSize(p: string, bytes: number): void {
    if (bytes > this.limits.maxFileBytes) {
      throw new BundleError(
        "bundle_file_too_large",
        `Bundle file "${p}" is larger than ${formatBytes(this.limits.maxFileBytes)}; the limit per file is ${formatBytes(this.limits.maxFileBytes)}.`,
        413,
      );
    }
  }
}
