/**
 * A minimal, data-only reader for the Python pickles of CIFAR-100 (protocol 2 as written by Python 2's cPickle, and
 * the same data re-pickled by Python 3 up to protocol 5). It builds plain values and never runs anything: the only
 * globals it accepts are numpy's array reconstruction, numpy.dtype and _codecs.encode, each interpreted here.
 */

/** A numpy array: its shape, dtype ("u1", "<i8", …) and raw bytes. */
export class NdArray {
  shape: number[] = [];
  dtype = "";
  data: Uint8Array = new Uint8Array();
}
class Tuple {
  constructor(readonly items: PickleValue[]) {}
}
class Global {
  constructor(readonly name: string) {}
}
class Dtype {
  order = "|";
  constructor(readonly spec: string) {}
}
export type PickleDict = Map<string, PickleValue>;
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | PickleDict
  | NdArray
  | Tuple
  | Global
  | Dtype;

const MARK = Symbol("mark");

export class PickleError extends Error {}

const RECONSTRUCT = new Set(["numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct"]);
const ALLOWED = new Set([...RECONSTRUCT, "numpy.ndarray", "numpy.dtype", "_codecs.encode"]);

export function readPickle(bytes: Uint8Array): PickleValue {
  const machine = new PickleMachine(bytes);
  for (;;) {
    const result = step(machine, machine.u8());
    if (result !== NEXT) return result;
  }
}

/** step's answer for every opcode but STOP. */
const NEXT = Symbol("next");

/** The pickle machine's input, stack and memo, with the readers and stack operations the opcodes use. */
class PickleMachine {
  readonly stack: (PickleValue | typeof MARK)[] = [];
  readonly memo = new Map<number, PickleValue>();
  readonly view: DataView;
  pos = 0;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number): void {
    if (this.pos + n > this.bytes.length)
      throw new PickleError(`the pickle ends at byte ${this.bytes.length} in the middle of a value: truncated`);
  }
  u8 = () => (this.need(1), this.bytes[this.pos++]!);
  u16 = () => (this.need(2), (this.pos += 2), this.view.getUint16(this.pos - 2, true));
  u32 = () => (this.need(4), (this.pos += 4), this.view.getUint32(this.pos - 4, true));
  i32 = () => (this.need(4), (this.pos += 4), this.view.getInt32(this.pos - 4, true));
  u64 = () => (this.need(8), (this.pos += 8), Number(this.view.getBigUint64(this.pos - 8, true)));
  f64 = () => (this.need(8), (this.pos += 8), this.view.getFloat64(this.pos - 8, false));
  take = (n: number) => (this.need(n), (this.pos += n), this.bytes.subarray(this.pos - n, this.pos));
  line(): string {
    const end = this.bytes.indexOf(0x0a, this.pos);
    if (end < 0) throw new PickleError("the pickle ends inside a GLOBAL name: truncated");
    const text = new TextDecoder("latin1").decode(this.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return text;
  }
  /** LONG1: a little-endian two's-complement integer of `n` bytes; a number when it fits one. */
  long(n: number): number | bigint {
    const b = this.take(n);
    let v = 0n;
    for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
    if (b.length > 0 && b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }

  push = (v: PickleValue | typeof MARK) => void this.stack.push(v);
  pop(): PickleValue {
    const v = this.stack.pop();
    if (v === undefined || v === MARK) throw new PickleError("malformed pickle: stack underflow");
    return v;
  }
  top(): PickleValue {
    const v = this.stack.at(-1);
    if (v === undefined || v === MARK) throw new PickleError("malformed pickle: stack underflow");
    return v;
  }
  popMark(): PickleValue[] {
    const at = this.stack.lastIndexOf(MARK);
    if (at < 0) throw new PickleError("malformed pickle: no MARK");
    const items = this.stack.splice(at) as PickleValue[];
    return items.slice(1);
  }
  setItems(pairs: PickleValue[]): void {
    const target = this.top();
    if (!(target instanceof Map)) throw new PickleError("malformed pickle: SETITEM on a non-dict");
    for (let i = 0; i + 1 < pairs.length; i += 2) target.set(pickleText(pairs[i]!), pairs[i + 1]!);
  }
  append(items: PickleValue[]): void {
    const target = this.top();
    if (!Array.isArray(target)) throw new PickleError("malformed pickle: APPEND on a non-list");
    for (const item of items) target.push(item);
  }
}

const utf8 = (b: Uint8Array) => new TextDecoder("utf-8").decode(b);
const tuple = (items: PickleValue[]): PickleValue => new Tuple(items);

/** Runs one opcode; STOP answers the value on top of the stack, every other opcode NEXT. */
function step(m: PickleMachine, op: number): PickleValue | typeof NEXT {
  if (op === 0x2e) return m.pop(); // STOP
  if (framing(m, op) || containers(m, op) || scalars(m, op) || strings(m, op) || objects(m, op)) return NEXT;
  throw new PickleError(
    `unsupported pickle opcode 0x${op.toString(16)} at byte ${m.pos - 1}: not a CIFAR-100 data file`,
  );
}

/** PROTO, FRAME and MARK; false for any other opcode. */
function framing(m: PickleMachine, op: number): boolean {
  switch (op) {
    case 0x80:
      m.u8();
      return true; // PROTO
    case 0x95:
      m.u64();
      return true; // FRAME: a length hint only
    case 0x28:
      m.push(MARK);
      return true;
    default:
      return false;
  }
}

/** The opcodes that make or fill dicts, lists and tuples; false for any other. */
function containers(m: PickleMachine, op: number): boolean {
  switch (op) {
    case 0x7d:
      m.push(new Map());
      return true; // EMPTY_DICT
    case 0x5d:
      m.push([]);
      return true; // EMPTY_LIST
    case 0x29:
      m.push(tuple([]));
      return true;
    case 0x61: {
      const v = m.pop();
      m.append([v]);
      return true;
    } // APPEND
    case 0x65: {
      const items = m.popMark();
      m.append(items);
      return true;
    } // APPENDS
    case 0x73: {
      const v = m.pop();
      const k = m.pop();
      m.setItems([k, v]);
      return true;
    } // SETITEM
    case 0x75: {
      const items = m.popMark();
      m.setItems(items);
      return true;
    } // SETITEMS
    default:
      return tuples(m, op);
  }
}

/** TUPLE, TUPLE1, TUPLE2 and TUPLE3; false for any other opcode. */
function tuples(m: PickleMachine, op: number): boolean {
  switch (op) {
    case 0x74:
      m.push(tuple(m.popMark()));
      return true; // TUPLE
    case 0x85:
      m.push(tuple([m.pop()]));
      return true;
    case 0x86: {
      const b = m.pop();
      const a = m.pop();
      m.push(tuple([a, b]));
      return true;
    }
    case 0x87: {
      const c = m.pop();
      const b = m.pop();
      const a = m.pop();
      m.push(tuple([a, b, c]));
      return true;
    }
    default:
      return false;
  }
}

/** Integers, floats, None and the booleans; false for any other opcode. */
function scalars(m: PickleMachine, op: number): boolean {
  switch (op) {
    case 0x4a:
      m.push(m.i32());
      return true; // BININT
    case 0x4b:
      m.push(m.u8());
      return true; // BININT1
    case 0x4d:
      m.push(m.u16());
      return true; // BININT2
    case 0x8a:
      m.push(m.long(m.u8()));
      return true; // LONG1
    case 0x47:
      m.push(m.f64());
      return true; // BINFLOAT
    case 0x4e:
      m.push(null);
      return true;
    case 0x88:
      m.push(true);
      return true;
    case 0x89:
      m.push(false);
      return true;
    default:
      return false;
  }
}

/** Byte strings and text; false for any other opcode. */
function strings(m: PickleMachine, op: number): boolean {
  switch (op) {
    // Python 2 str is bytes: kept as bytes (a view, no copy: the array data is ~150 MB); pickleText reads names.
    case 0x55:
      m.push(m.take(m.u8()));
      return true; // SHORT_BINSTRING
    case 0x54:
      m.push(m.take(m.u32()));
      return true; // BINSTRING
    case 0x43:
      m.push(m.take(m.u8()).slice());
      return true; // SHORT_BINBYTES
    case 0x42:
      m.push(m.take(m.u32()).slice());
      return true; // BINBYTES
    case 0x8e:
      m.push(m.take(m.u64()).slice());
      return true; // BINBYTES8
    case 0x8c:
      m.push(utf8(m.take(m.u8())));
      return true; // SHORT_BINUNICODE
    case 0x58:
      m.push(utf8(m.take(m.u32())));
      return true; // BINUNICODE
    case 0x8d:
      m.push(utf8(m.take(m.u64())));
      return true; // BINUNICODE8
    default:
      return false;
  }
}

/** Globals, the memo, REDUCE and BUILD; false for any other opcode. */
function objects(m: PickleMachine, op: number): boolean {
  switch (op) {
    case 0x63:
      m.push(global(`${m.line()}.${m.line()}`));
      return true; // GLOBAL
    case 0x93: {
      const name = m.pop();
      const module = m.pop();
      m.push(global(`${String(module)}.${String(name)}`));
      return true;
    }
    case 0x52: {
      const args = m.pop();
      const fn = m.pop();
      m.push(reduce(fn, args));
      return true;
    } // REDUCE
    case 0x62: {
      const state = m.pop();
      build(m.top(), state);
      return true;
    } // BUILD
    default:
      return memo(m, op);
  }
}

/** BINPUT, LONG_BINPUT, MEMOIZE, BINGET and LONG_BINGET; false for any other opcode. */
function memo(m: PickleMachine, op: number): boolean {
  switch (op) {
    case 0x71:
      m.memo.set(m.u8(), m.top());
      return true; // BINPUT
    case 0x72:
      m.memo.set(m.u32(), m.top());
      return true; // LONG_BINPUT
    case 0x94:
      m.memo.set(m.memo.size, m.top());
      return true; // MEMOIZE
    case 0x68:
      m.push(fromMemo(m.memo, m.u8()));
      return true; // BINGET
    case 0x6a:
      m.push(fromMemo(m.memo, m.u32()));
      return true; // LONG_BINGET
    default:
      return false;
  }
}

/** A name as text: Python 3 str, or Python 2 str (bytes, read as latin-1). */
export function pickleText(v: PickleValue): string {
  return v instanceof Uint8Array ? new TextDecoder("latin1").decode(v) : String(v);
}

function global(name: string): PickleValue {
  if (!ALLOWED.has(name)) throw new PickleError(`the pickle refers to ${name}, which a CIFAR-100 data file never does`);
  return new Global(name);
}

function fromMemo(memo: Map<number, PickleValue>, at: number): PickleValue {
  const v = memo.get(at);
  if (v === undefined) throw new PickleError(`malformed pickle: memo ${at} is empty`);
  return v;
}

function items(v: PickleValue): PickleValue[] {
  if (v instanceof Tuple) return v.items;
  throw new PickleError("malformed pickle: expected a tuple");
}

function reduce(fn: PickleValue, args: PickleValue): PickleValue {
  const name = fn instanceof Global ? fn.name : "?";
  const a = items(args);
  if (RECONSTRUCT.has(name)) return new NdArray();
  if (name === "numpy.dtype") return new Dtype(pickleText(a[0]!));
  if (name === "_codecs.encode") {
    // Python 3 pickles bytes at protocol 2 as _codecs.encode(<latin-1 text>, "latin1").
    const text = String(a[0]);
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  throw new PickleError(`malformed pickle: cannot call ${name}`);
}

function build(target: PickleValue, state: PickleValue): void {
  const s = items(state);
  if (target instanceof Dtype) {
    target.order = pickleText(s[1]!);
    return;
  }
  if (target instanceof NdArray) {
    const [, shape, d, , data] = s;
    if (!(d instanceof Dtype)) throw new PickleError("malformed pickle: array without a dtype");
    target.shape = items(shape!).map(Number);
    target.dtype = `${d.order === "|" ? "" : d.order}${d.spec}`;
    if (typeof data === "string") target.data = Uint8Array.from(data, (ch) => ch.charCodeAt(0));
    else if (data instanceof Uint8Array) target.data = data;
    else throw new PickleError("an array's data is not raw bytes (an object array?): not a CIFAR-100 data file");
    return;
  }
  throw new PickleError("malformed pickle: BUILD on an unexpected value");
}
