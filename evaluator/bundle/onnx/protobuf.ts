/**
 * The protobuf wire format, as much of it as ONNX files use: a reader that walks the fields of one message without
 * copying (length-delimited fields are views into the file) and a writer. No schema compiler and no dependency:
 * an ONNX model is a handful of message types, and a reader that can only walk bounds every hostile file to
 * what it holds.
 */

export type WireField =
  | { field: number; wire: "varint"; value: bigint }
  | { field: number; wire: "bytes"; value: Uint8Array }
  | { field: number; wire: "fixed32"; value: Uint8Array }
  | { field: number; wire: "fixed64"; value: Uint8Array };

/** Thrown for bytes that are not a protobuf message; the checker turns it into the bundle's own message. */
export class ProtobufError extends Error {}

function readVarint(bytes: Uint8Array, at: number): { value: bigint; next: number } {
  let value = 0n;
  for (let shift = 0n, i = at; i < bytes.length && shift < 70n; i++, shift += 7n) {
    const b = bytes[i]!;
    value |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return { value: BigInt.asUintN(64, value), next: i + 1 };
  }
  throw new ProtobufError(`a varint at byte ${at} runs past the end or beyond 10 bytes`);
}

/** The fields of one message, in file order. Throws ProtobufError on anything malformed. */
export function* readFields(bytes: Uint8Array): Generator<WireField> {
  let at = 0;
  while (at < bytes.length) {
    const key = readVarint(bytes, at);
    const field = Number(key.value >> 3n);
    const wireType = Number(key.value & 7n);
    if (field === 0) throw new ProtobufError(`field number 0 at byte ${at}`);
    at = key.next;
    if (wireType === 0) {
      const v = readVarint(bytes, at);
      at = v.next;
      yield { field, wire: "varint", value: v.value };
    } else if (wireType === 2) {
      const length = readVarint(bytes, at);
      const start = length.next;
      if (length.value > BigInt(bytes.length - start))
        throw new ProtobufError(`a field at byte ${at} is longer than the rest of the message`);
      at = start + Number(length.value);
      yield { field, wire: "bytes", value: bytes.subarray(start, at) };
    } else if (wireType === 1 || wireType === 5) {
      const size = wireType === 1 ? 8 : 4;
      if (at + size > bytes.length) throw new ProtobufError(`a fixed-size field at byte ${at} runs past the end`);
      yield { field, wire: wireType === 1 ? "fixed64" : "fixed32", value: bytes.subarray(at, at + size) };
      at += size;
    } else {
      throw new ProtobufError(`wire type ${wireType} at byte ${at} is not one ONNX uses`);
    }
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function fieldText(f: WireField): string {
  if (f.wire !== "bytes") throw new ProtobufError(`field ${f.field} should be a string`);
  try {
    return utf8.decode(f.value);
  } catch {
    throw new ProtobufError(`field ${f.field} is not valid UTF-8`);
  }
}

/** An int64 field (signed: a dimension of −1 is stored as 2^64 − 1). */
export function fieldInt(f: WireField): number {
  if (f.wire !== "varint") throw new ProtobufError(`field ${f.field} should be an integer`);
  return Number(BigInt.asIntN(64, f.value));
}

/** A repeated int64 field, packed or not. */
export function fieldInts(f: WireField): number[] {
  if (f.wire === "varint") return [fieldInt(f)];
  if (f.wire !== "bytes") throw new ProtobufError(`field ${f.field} should hold integers`);
  const out: number[] = [];
  for (let at = 0; at < f.value.length;) {
    const v = readVarint(f.value, at);
    out.push(Number(BigInt.asIntN(64, v.value)));
    at = v.next;
  }
  return out;
}

/** Builds one message; nested messages are written by a nested writer and added as bytes. */
export class ProtobufWriter {
  private readonly parts: Uint8Array[] = [];

  private varint(value: bigint): void {
    let v = BigInt.asUintN(64, value);
    const out: number[] = [];
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      out.push(v === 0n ? low : low | 0x80);
    } while (v !== 0n);
    this.parts.push(Uint8Array.from(out));
  }

  private key(field: number, wireType: number): void {
    this.varint((BigInt(field) << 3n) | BigInt(wireType));
  }

  int(field: number, value: number | bigint): this {
    this.key(field, 0);
    this.varint(BigInt(value));
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.varint(BigInt(value.length));
    this.parts.push(value);
    return this;
  }

  text(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, inner: ProtobufWriter): this {
    return this.bytes(field, inner.finish());
  }

  float(field: number, value: number): this {
    this.key(field, 5);
    this.parts.push(new Uint8Array(Float32Array.of(value).buffer));
    return this;
  }

  /** A packed repeated int64 field. */
  packedInts(field: number, values: readonly number[]): this {
    const inner = new ProtobufWriter();
    for (const v of values) inner.varint(BigInt(v));
    return this.bytes(field, inner.finish());
  }

  /** A packed repeated float field. */
  packedFloats(field: number, values: readonly number[]): this {
    return this.bytes(field, new Uint8Array(Float32Array.from(values).buffer));
  }

  finish(): Uint8Array {
    const total = this.parts.reduce((n, p) => n + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
