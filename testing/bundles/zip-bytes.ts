import zlib from "node:zlib";

export type RawZipEntry = {
  name: string | Buffer;
  body?: Buffer | string;
  /** Unix mode including the file type bits (e.g. 0o120777 for a symlink); stored in the external attributes. */
  mode?: number;
  deflate?: boolean;
  /** Sets the "encrypted" flag (the body is not actually encrypted). */
  encrypted?: boolean;
  /** Uncompressed size written in the headers; defaults to the body's length. */
  declaredSize?: number;
};

/** Builds a zip archive byte by byte (local headers, central directory, end record), made by "Unix". */
export function rawZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, "utf8");
    const body = Buffer.from(entry.body ?? "");
    const data = entry.deflate ? zlib.deflateRawSync(body) : body;
    const crc = zlib.crc32(body);
    const flags = (Buffer.isBuffer(entry.name) ? 0 : 0x800) | (entry.encrypted ? 1 : 0);
    const method = entry.deflate ? 8 : 0;
    const size = entry.declaredSize ?? body.length;
    const isDir = name.toString("latin1").endsWith("/");
    const mode = entry.mode ?? (isDir ? 0o040755 : 0o100644);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
