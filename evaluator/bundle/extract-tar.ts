import fs from "node:fs";
import { Transform } from "node:stream";
import zlib from "node:zlib";
import { Parser, type ReadEntry } from "tar";
import type { BundleWriter } from "./bundle-writer";
import { BundleError } from "./errors";

const REFUSED_TYPES: Record<string, [code: `bundle_${string}`, what: string]> = {
  SymbolicLink: ["bundle_symlink", "symbolic links are not allowed"],
  Link: ["bundle_hardlink", "hard links are not allowed"],
  CharacterDevice: ["bundle_special_file", "device files are not allowed"],
  BlockDevice: ["bundle_special_file", "device files are not allowed"],
  FIFO: ["bundle_special_file", "FIFOs are not allowed"],
};

/** A gzip or zstd stream inside the gzip stream: the tar parser would inflate it again, uncounted. */
function isCompressed(head: Buffer): boolean {
  return (head[0] === 0x1f && head[1] === 0x8b) || head.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
}

/**
 * Inflated bytes the parser may take while no entry is open (headers, pax records, end-of-archive padding).
 * node-tar buffers everything after the end-of-archive blocks by repeated concatenation, so trailing data must
 * be cut off early rather than left to the total cap.
 */
const MAX_IDLE_BYTES = 1024 * 1024;

/** Entries the parser has open, and inflated bytes taken since the last entry began. */
type EntryCount = { open: number; idleBytes: number };

/**
 * Extracts a .tar.gz through `writer`, counting every inflated byte (headers and padding included); `onRead` hears
 * how many archive bytes have been read so far.
 */
export async function extractTarGz(
  archive: string,
  writer: BundleWriter,
  onRead?: (bytes: number) => void,
): Promise<void> {
  const source = fs.createReadStream(archive);
  if (onRead) source.on("data", () => onRead(source.bytesRead));
  const gunzip = zlib.createGunzip();
  const parser = new Parser({ strict: true, zstd: false, brotli: false, maxMetaEntrySize: 64 * 1024 });
  const writes: Promise<void>[] = [];
  const entries: EntryCount = { open: 0, idleBytes: 0 };
  const counter = inflatedCounter(writer, entries);

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.destroy();
      gunzip.destroy();
      counter.destroy();
      parser.abort(error instanceof Error ? error : new Error(String(error)));
      writer.abort();
      // Refuse only once every write has stopped and the archive's descriptor is closed, so nothing outlives the refusal.
      const sourceClosed = new Promise<void>((closed) =>
        source.closed ? closed() : source.once("close", () => closed()),
      );
      void Promise.allSettled([...writes, sourceClosed]).then(() => reject(asBundleError(error)));
    };
    const track = (work: Promise<void>) => writes.push(work.catch((error) => (fail(error), undefined)));

    parser.on("entry", (entry: ReadEntry) => {
      entries.open += 1;
      entries.idleBytes = 0;
      entry.on("end", () => (entries.open -= 1));
      if (settled) return entry.resume();
      routeEntry(entry, writer, track, fail);
    });
    parser.on("ignoredEntry", (entry: ReadEntry) => fail(unsupportedEntry(entry)));
    parser.on("error", fail);
    parser.on("end", () => {
      void Promise.all(writes).then(() => {
        if (settled) return;
        settled = true;
        resolve();
      });
    });
    for (const stream of [source, gunzip, counter]) stream.on("error", fail);
    source
      .pipe(gunzip)
      .pipe(counter)
      .pipe(parser as unknown as NodeJS.WritableStream);
  });
}

/**
 * Passes inflated bytes on to the parser, counting each through `writer`, refusing trailing data past MAX_IDLE_BYTES
 * while no entry is open and an archive compressed a second time.
 */
function inflatedCounter(writer: BundleWriter, entries: EntryCount): Transform {
  let head: Buffer | undefined = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        writer.inflated(chunk.length);
        if (entries.open === 0) {
          entries.idleBytes += chunk.length;
          if (entries.idleBytes > MAX_IDLE_BYTES)
            throw new BundleError(
              "bundle_corrupt",
              "Bundle is not a readable .tar.gz archive: unexpected data after the end of the archive.",
            );
        }
        if (head === undefined) return done(null, chunk);
        // Hold the first bytes back until the nested-compression check can see four of them.
        head = Buffer.concat([head, chunk]);
        if (head.length < 4) return done();
        if (isCompressed(head))
          throw new BundleError(
            "bundle_nested_compression",
            "Bundle is compressed twice; upload one .tar.gz (or .zip) layer.",
          );
        const first = head;
        head = undefined;
        done(null, first);
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      done(null, head && head.length > 0 ? head : undefined);
    },
  });
}

/** Sends one tar entry to the writer (its write held by `track`), or refuses it through `fail`. */
function routeEntry(
  entry: ReadEntry,
  writer: BundleWriter,
  track: (work: Promise<void>) => void,
  fail: (error: unknown) => void,
): void {
  const refused = REFUSED_TYPES[entry.type];
  if (refused) {
    entry.resume();
    return fail(new BundleError(refused[0], `Bundle entry ${JSON.stringify(entry.path)}: ${refused[1]}.`));
  }
  if (entry.type === "Directory") {
    entry.resume();
    return track(writer.addDirectory(entry.path));
  }
  if (entry.type === "File" || entry.type === "OldFile" || entry.type === "ContiguousFile") {
    return track(writer.addFile(entry.path, entry.size, entry));
  }
  entry.resume();
  fail(unsupportedEntry(entry));
}

function unsupportedEntry(entry: ReadEntry): BundleError {
  return new BundleError(
    "bundle_unsupported_entry",
    `Bundle entry ${JSON.stringify(entry.path)}: tar entries of type ${entry.type} are not supported.`,
  );
}

function asBundleError(error: unknown): BundleError {
  if (error instanceof BundleError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new BundleError("bundle_corrupt", `Bundle is not a readable .tar.gz archive: ${message}.`);
}
