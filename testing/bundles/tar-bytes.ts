import zlib from "node:zlib";

/** Tar type flags, including the hostile ones node-tar will not write on request. */
export const TAR_TYPE = {
  file: "0",
  hardlink: "1",
  symlink: "2",
  charDevice: "3",
  blockDevice: "4",
  directory: "5",
  fifo: "6",
  pax: "x",
} as const;

export type RawTarEntry = {
  path: string;
  type?: (typeof TAR_TYPE)[keyof typeof TAR_TYPE];
  body?: Buffer | string;
  linkpath?: string;
  /** Size written in the header; defaults to the body's length. */
  declaredSize?: number;
};

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, "0") + "\0";
}

function header(entry: { path: string; type: string; size: number; linkpath?: string }): Buffer {
  const h = Buffer.alloc(512);
  h.write(entry.path, 0, 100, "utf8");
  h.write(octal(entry.type === TAR_TYPE.directory ? 0o755 : 0o644, 8), 100, "ascii");
  h.write(octal(0, 8), 108, "ascii");
  h.write(octal(0, 8), 116, "ascii");
  h.write(octal(entry.size, 12), 124, "ascii");
  h.write(octal(0, 12), 136, "ascii");
  h.write(entry.type, 156, "ascii");
  if (entry.linkpath) h.write(entry.linkpath, 157, 100, "utf8");
  h.write("ustar\0", 257, "ascii");
  h.write("00", 263, "ascii");
  h.write(octal(0, 8), 329, "ascii");
  h.write(octal(0, 8), 337, "ascii");
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148, "ascii");
  return h;
}

function padded(body: Buffer): Buffer {
  const rest = body.length % 512;
  return rest === 0 ? body : Buffer.concat([body, Buffer.alloc(512 - rest)]);
}

/** A pax record "<len> key=value\n", where <len> counts the whole record including itself. */
function paxRecord(key: string, value: string): string {
  const text = ` ${key}=${value}\n`;
  let len = Buffer.byteLength(text) + 1;
  while (String(len).length + Buffer.byteLength(text) !== len) len += 1;
  return `${len}${text}`;
}

/** Builds an uncompressed tar byte by byte; paths over 100 bytes get a pax header. */
export function rawTar(entries: RawTarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? "");
    let name = entry.path;
    if (Buffer.byteLength(name) > 100) {
      const pax = Buffer.from(paxRecord("path", name));
      blocks.push(header({ path: "PaxHeader", type: TAR_TYPE.pax, size: pax.length }), padded(pax));
      name = name.slice(0, 99);
    }
    blocks.push(
      header({
        path: name,
        type: entry.type ?? TAR_TYPE.file,
        size: entry.declaredSize ?? body.length,
        linkpath: entry.linkpath,
      }),
    );
    if (body.length > 0) blocks.push(padded(body));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function rawTarGz(entries: RawTarEntry[]): Buffer {
  return zlib.gzipSync(rawTar(entries));
}
