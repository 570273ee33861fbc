/**
 * Length-prefixed binary frames, the wire format between the trusted driver and the sandboxed runtime.
 *
 * Frame layout (all integers u32 little-endian):
 *   frameLength   bytes that follow this field (header length field + header + tensor bytes)
 *   headerLength  bytes of the JSON header
 *   header        UTF-8 JSON object: the message, plus `tensors: [{name, dtype, shape}]` when tensors follow
 *   tensor bytes  each tensor's raw little-endian elements, in the order the header lists them, no padding
 *
 * Tensors never travel as JSON numbers.
 */
import { ProtocolError } from "./errors";

export type TensorDtype = "float32" | "int32" | "uint8";
export type TensorData = Float32Array | Int32Array | Uint8Array;
export type WireTensor = { dtype: TensorDtype; shape: number[]; data: TensorData };
export type WireTensors = Record<string, WireTensor>;
export type FrameHeader = { type: string; [key: string]: unknown };
export type Frame = { header: FrameHeader; tensors: WireTensors };

export const DEFAULT_MAX_FRAME_BYTES = 256 * 1024 * 1024;

const BYTES_PER_ELEMENT: Record<TensorDtype, number> = { float32: 4, int32: 4, uint8: 1 };
const PREFIX_BYTES = 4;

type TensorEntry = { name: string; dtype: TensorDtype; shape: number[] };

/** Serialises one message and its tensors into a single frame: one allocation, written with one write. */
export function encodeFrame(
  header: FrameHeader,
  tensors: WireTensors = {},
  maxFrameBytes = DEFAULT_MAX_FRAME_BYTES,
): Buffer {
  if ("tensors" in header)
    throw new ProtocolError("a message must not carry its own `tensors` field; pass tensors separately");
  const entries: TensorEntry[] = [];
  const bodies: Uint8Array[] = [];
  let tensorBytes = 0;
  for (const name in tensors) {
    const tensor = tensors[name]!;
    checkTensor(name, tensor);
    entries.push({ name, dtype: tensor.dtype, shape: tensor.shape });
    bodies.push(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    tensorBytes += tensor.data.byteLength;
  }
  const json = JSON.stringify(entries.length > 0 ? { ...header, tensors: entries } : header);
  const headerLength = Buffer.byteLength(json, "utf8");
  const frameLength = 4 + headerLength + tensorBytes;
  if (frameLength > maxFrameBytes) {
    throw new ProtocolError(`frame of ${frameLength} bytes exceeds the ${maxFrameBytes}-byte limit`);
  }
  const frame = Buffer.allocUnsafe(PREFIX_BYTES + frameLength);
  frame.writeUInt32LE(frameLength, 0);
  frame.writeUInt32LE(headerLength, 4);
  let offset = 8 + frame.write(json, 8, "utf8");
  for (const body of bodies) {
    frame.set(body, offset);
    offset += body.length;
  }
  return frame;
}

/**
 * Incremental decoder: feed it chunks as they arrive (a frame may span chunks, a chunk may hold many frames).
 * After the first ProtocolError the stream is unusable and every later push throws the same error.
 */
export class FrameDecoder {
  private readonly maxFrameBytes: number;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private failure: ProtocolError | undefined;

  constructor(options: { maxFrameBytes?: number } = {}) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  }

  /** Bytes received that do not yet form a whole frame. */
  get pendingBytes(): number {
    return this.buffered;
  }

  push(chunk: Buffer): Frame[] {
    if (this.failure) throw this.failure;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Frame[] = [];
    try {
      for (;;) {
        if (this.buffered < PREFIX_BYTES) break;
        const frameLength = this.peekLength();
        if (frameLength < 4)
          throw new ProtocolError(`frame length ${frameLength} is too small to hold a header length`);
        if (frameLength > this.maxFrameBytes) {
          throw new ProtocolError(`frame of ${frameLength} bytes exceeds the ${this.maxFrameBytes}-byte limit`);
        }
        if (this.buffered < PREFIX_BYTES + frameLength) break;
        const whole = this.take(PREFIX_BYTES + frameLength);
        frames.push(decodeBody(whole.subarray(PREFIX_BYTES)));
      }
    } catch (error) {
      this.failure = error instanceof ProtocolError ? error : new ProtocolError(String(error));
      this.chunks = [];
      this.buffered = 0;
      throw this.failure;
    }
    return frames;
  }

  private peekLength(): number {
    const first = this.chunks[0]!;
    if (first.length >= PREFIX_BYTES) return first.readUInt32LE(0);
    return Buffer.concat(this.chunks, PREFIX_BYTES).readUInt32LE(0);
  }

  private take(bytes: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks, this.buffered);
    const rest = all.subarray(bytes);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return all.subarray(0, bytes);
  }
}

function decodeBody(body: Buffer): Frame {
  const headerLength = body.readUInt32LE(0);
  if (headerLength > body.length - 4) {
    throw new ProtocolError(`header length ${headerLength} exceeds the ${body.length - 4} bytes left in the frame`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.subarray(4, 4 + headerLength).toString("utf8"));
  } catch (error) {
    throw new ProtocolError(`frame header is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ProtocolError("frame header must be a JSON object");
  }
  const { tensors: entries = [], ...header } = parsed as Record<string, unknown>;
  if (typeof header.type !== "string") throw new ProtocolError("frame header has no string `type`");
  const tensors = decodeTensors(entries, body.subarray(4 + headerLength));
  return { header: header as FrameHeader, tensors };
}

function decodeTensors(entries: unknown, bytes: Buffer): WireTensors {
  if (!Array.isArray(entries)) throw new ProtocolError("frame header `tensors` must be an array");
  const tensors: WireTensors = {};
  let offset = 0;
  for (const entry of entries) {
    const { name, dtype, shape } = checkEntry(entry);
    if (name in tensors) throw new ProtocolError(`tensor "${name}" appears twice in one frame`);
    const byteLength = elementCount(shape) * BYTES_PER_ELEMENT[dtype];
    if (offset + byteLength > bytes.length) {
      throw new ProtocolError(
        `tensor "${name}" (${dtype} [${shape.join(",")}]) needs ${byteLength} bytes but only ${bytes.length - offset} remain in the frame`,
      );
    }
    // Copy into a fresh, aligned buffer: stream chunks have arbitrary byte offsets.
    const copy = new Uint8Array(byteLength);
    copy.set(bytes.subarray(offset, offset + byteLength));
    tensors[name] = { dtype, shape, data: view(dtype, copy.buffer) };
    offset += byteLength;
  }
  if (offset !== bytes.length) {
    throw new ProtocolError(`frame has ${bytes.length - offset} bytes after its tensors that no tensor describes`);
  }
  return tensors;
}

function checkEntry(entry: unknown): TensorEntry {
  const e = entry as Partial<TensorEntry> | null;
  if (typeof e !== "object" || e === null || typeof e.name !== "string" || e.name.length === 0) {
    throw new ProtocolError("each tensor entry needs a non-empty string `name`");
  }
  if (e.dtype !== "float32" && e.dtype !== "int32" && e.dtype !== "uint8") {
    throw new ProtocolError(
      `tensor "${e.name}" has dtype ${JSON.stringify(e.dtype)}; expected float32, int32 or uint8`,
    );
  }
  if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new ProtocolError(`tensor "${e.name}" shape must be an array of non-negative integers`);
  }
  return { name: e.name, dtype: e.dtype, shape: e.shape };
}

function checkTensor(name: string, tensor: WireTensor): void {
  const expected = elementCount(tensor.shape);
  const actual = tensor.data.length;
  const matchesDtype =
    (tensor.dtype === "float32" && tensor.data instanceof Float32Array) ||
    (tensor.dtype === "int32" && tensor.data instanceof Int32Array) ||
    (tensor.dtype === "uint8" && tensor.data instanceof Uint8Array);
  if (!matchesDtype)
    throw new ProtocolError(`tensor "${name}": data is a ${tensor.data.constructor.name}, not ${tensor.dtype}`);
  if (expected !== actual) {
    throw new ProtocolError(
      `tensor "${name}": shape [${tensor.shape.join(",")}] holds ${expected} elements but data has ${actual}`,
    );
  }
}

export function elementCount(shape: number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

function view(dtype: TensorDtype, buffer: ArrayBuffer): TensorData {
  if (dtype === "float32") return new Float32Array(buffer);
  if (dtype === "int32") return new Int32Array(buffer);
  return new Uint8Array(buffer);
}
