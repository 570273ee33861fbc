import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import type { BundleWriter } from "./bundle-writer";
import { BundleError } from "./errors";
import { formatBytes, type BundleLimits } from "./limits";

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const MADE_BY_UNIX = 3;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function entryName(entry: Entry): string {
  try {
    return utf8.decode(entry.fileName as unknown as Buffer);
  } catch {
    throw new BundleError(
      "bundle_path_invalid",
      `Bundle entry ${JSON.stringify((entry.fileName as unknown as Buffer).toString("latin1"))}: file names must be UTF-8.`,
    );
  }
}

/** The Unix file type stored by Unix zip tools in the high 16 bits of the external attributes, if any. */
function unixType(entry: Entry): number | undefined {
  if (entry.versionMadeBy >> 8 !== MADE_BY_UNIX) return undefined;
  const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
  return type === 0 ? undefined : type;
}

/**
 * Extracts a .zip through `writer`. The central directory is checked first, then every body is counted as it inflates;
 * `onRead` hears the compressed bytes of the entries done so far.
 */
export async function extractZip(
  archive: string,
  writer: BundleWriter,
  limits: BundleLimits,
  onRead?: (bytes: number) => void,
): Promise<void> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(
      archive,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (error, file) => (error ? reject(corrupt(error)) : resolve(file)),
    ),
  );
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new BundleError(
        "bundle_too_many_files",
        `Bundle has ${zip.entryCount} entries; the limit is ${limits.maxEntries}.`,
        413,
      );
    }
    let declaredTotal = 0;
    let compressedDone = 0;
    for await (const entry of entries(zip)) {
      onRead?.((compressedDone += entry.compressedSize));
      const name = entryName(entry);
      const shown = JSON.stringify(name);
      const type = unixType(entry);
      if (type === S_IFLNK)
        throw new BundleError("bundle_symlink", `Bundle entry ${shown}: symbolic links are not allowed.`);
      if (type !== undefined && type !== S_IFREG && type !== S_IFDIR) {
        throw new BundleError(
          "bundle_special_file",
          `Bundle entry ${shown}: only regular files and directories are allowed.`,
        );
      }
      if (entry.isEncrypted())
        throw new BundleError("bundle_encrypted", `Bundle entry ${shown}: encrypted zip entries are not supported.`);
      if (name.endsWith("/") || type === S_IFDIR) {
        await writer.addDirectory(name);
        continue;
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxUncompressedBytes) {
        throw new BundleError(
          "bundle_uncompressed_too_large",
          `Bundle expands to more than ${formatBytes(limits.maxUncompressedBytes)} when unpacked; the limit is ${formatBytes(limits.maxUncompressedBytes)}.`,
          413,
        );
      }
      const body = await openEntry(zip, entry);
      try {
        await writer.addFile(name, entry.uncompressedSize, countInflated(body, writer));
      } finally {
        // A refused entry's body may be unread; until it is destroyed it holds the archive's descriptor open.
        body.destroy();
      }
    }
  } finally {
    await closeZip(zip);
  }
}

/** Closes the archive and waits until its descriptor is closed, so a refusal leaves no descriptor behind. */
function closeZip(zip: ZipFile): Promise<void> {
  return new Promise((resolve) => {
    zip.once("close", resolve);
    zip.once("error", () => resolve());
    zip.close();
  });
}

/** The zip's entries one at a time (yauzl's lazy mode), as an async iterator. */
async function* entries(zip: ZipFile): AsyncGenerator<Entry> {
  while (true) {
    const next = await new Promise<Entry | undefined>((resolve, reject) => {
      const cleanup = () => {
        zip.off("entry", onEntry);
        zip.off("end", onEnd);
        zip.off("error", onError);
      };
      const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
      const onEnd = () => (cleanup(), resolve(undefined));
      const onError = (error: Error) => (cleanup(), reject(corrupt(error)));
      zip.on("entry", onEntry);
      zip.on("end", onEnd);
      zip.on("error", onError);
      zip.readEntry();
    });
    if (!next) return;
    yield next;
  }
}

/** Passes an entry's inflated bytes through, counting them against the bundle's caps; read errors become BundleErrors. */
async function* countInflated(body: Readable, writer: BundleWriter): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) {
      writer.inflated((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  } catch (error) {
    throw corrupt(error);
  }
}

/**
 * Opens an entry's body. yauzl checks sizes as data is piped in, before anyone reads, so a listener is attached at
 * once; the error stays on the stream and is thrown to whoever iterates it.
 */
function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(corrupt(error));
      stream.on("error", () => {});
      resolve(stream);
    }),
  );
}

function corrupt(error: unknown): BundleError {
  if (error instanceof BundleError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BundleError("bundle_corrupt", `Bundle is not a readable .zip archive: ${message}.`);
}
