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
export type PickleValue = null | boolean | number | bigint | string | Uint8Array | PickleValue[] | PickleDict | NdArray | Tuple | Global | Dtype;

const MARK = Symbol("mark");

export class PickleError extends Error {}

const RECONSTRUCT = new Set(["numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct"]);
const ALLOWED = new Set([...RECONSTRUCT, "numpy.ndarray", "numpy.dtype", "_codecs.encode"]);

export function readPickle(bytes: Uint8Array): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: (PickleValue | typeof MARK)[] = [];
  const memo = new Map<number, PickleValue>();
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new PickleError(`the pickle ends at byte ${bytes.length} in the middle of a value: truncated`);
  };
  const u8 = () => (need(1), bytes[pos++]!);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const u64 = () => (need(8), (pos += 8), Number(view.getBigUint64(pos - 8, true)));
  const take = (n: number) => (need(n), (pos += n), bytes.subarray(pos - n, pos));
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new PickleError("the pickle ends inside a GLOBAL name: truncated");
    const text = new TextDecoder("latin1").decode(bytes.subarray(pos, end));
    pos = end + 1;
    return text;
  };
  const utf8 = (b: Uint8Array) => new TextDecoder("utf-8").decode(b);
  const pop = (): PickleValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) throw new PickleError("malformed pickle: stack underflow");
    return v;
  };
  const top = (): PickleValue => {
    const v = stack.at(-1);
    if (v === undefined || v === MARK) throw new PickleError("malformed pickle: stack underflow");
    return v;
  };
  const popMark = (): PickleValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new PickleError("malformed pickle: no MARK");
    const items = stack.splice(at) as PickleValue[];
    return items.slice(1);
  };
  const tuple = (items: PickleValue[]): PickleValue => new Tuple(items);
  const key = (k: PickleValue) => pickleText(k);
  const setItems = (target: PickleValue, pairs: PickleValue[]) => {
    if (!(target instanceof Map)) throw new PickleError("malformed pickle: SETITEM on a non-dict");
    for (let i = 0; i + 1 < pairs.length; i += 2) target.set(key(pairs[i]!), pairs[i + 1]!);
  };
  const append = (target: PickleValue, items: PickleValue[]) => {
    if (!Array.isArray(target)) throw new PickleError("malformed pickle: APPEND on a non-list");
    for (const item of items) target.push(item);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: u64(); break; // FRAME: a length hint only
      case 0x2e: return pop(); // STOP
      case 0x28: stack.push(MARK); break;
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push(tuple([])); break;
      case 0x61: { const v = pop(); append(top(), [v]); break; } // APPEND
      case 0x65: { const items = popMark(); append(top(), items); break; } // APPENDS
      case 0x73: { const v = pop(); const k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x74: stack.push(tuple(popMark())); break; // TUPLE
      case 0x85: stack.push(tuple([pop()])); break;
      case 0x86: { const b = pop(); const a = pop(); stack.push(tuple([a, b])); break; }
      case 0x87: { const c = pop(); const b = pop(); const a = pop(); stack.push(tuple([a, b, c])); break; }
      case 0x4a: stack.push(i32()); break; // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: { // LONG1
        const b = take(u8());
        let v = 0n;
        for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]!);
        if (b.length > 0 && b[b.length - 1]! & 0x80) v -= 1n << BigInt(8 * b.length);
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case 0x47: { need(8); stack.push(view.getFloat64(pos, false)); pos += 8; break; } // BINFLOAT
      case 0x4e: stack.push(null); break;
      case 0x88: stack.push(true); break;
      case 0x89: stack.push(false); break;
      // Python 2 str is bytes: kept as bytes (a view, no copy: the array data is ~150 MB); pickleText reads names.
      case 0x55: stack.push(take(u8())); break; // SHORT_BINSTRING
      case 0x54: stack.push(take(u32())); break; // BINSTRING
      case 0x43: stack.push(take(u8()).slice()); break; // SHORT_BINBYTES
      case 0x42: stack.push(take(u32()).slice()); break; // BINBYTES
      case 0x8e: stack.push(take(u64()).slice()); break; // BINBYTES8
      case 0x8c: stack.push(utf8(take(u8()))); break; // SHORT_BINUNICODE
      case 0x58: stack.push(utf8(take(u32()))); break; // BINUNICODE
      case 0x8d: stack.push(utf8(take(u64()))); break; // BINUNICODE8
      case 0x63: stack.push(global(`${line()}.${line()}`)); break; // GLOBAL
      case 0x93: { const name = pop(); const module = pop(); stack.push(global(`${String(module)}.${String(name)}`)); break; }
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: stack.push(fromMemo(memo, u8())); break; // BINGET
      case 0x6a: stack.push(fromMemo(memo, u32())); break; // LONG_BINGET
      case 0x52: { const args = pop(); const fn = pop(); stack.push(reduce(fn, args)); break; } // REDUCE
      case 0x62: { const state = pop(); build(top(), state); break; } // BUILD
      default:
        throw new PickleError(`unsupported pickle opcode 0x${op.toString(16)} at byte ${pos - 1}: not a CIFAR-100 data file`);
    }
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
