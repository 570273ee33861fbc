/**
 * Writes small CIFAR-100 files in the exact official formats, for tests: binary records, and pickles laid out as
 * Python 2's cPickle protocol 2 wrote the official Python version (str keys as SHORT_BINSTRING, labels as lists,
 * data as a numpy uint8 array rebuilt by numpy.core.multiarray._reconstruct).
 */
import { CIFAR100_COARSE_NAMES, CIFAR100_FINE_NAMES, superclassOf } from "@/benchmarks/datasets/cifar100/names";
import { CIFAR_PIXELS } from "@/benchmarks/datasets/cifar100/official";

export type FakeRecords = { fine: number[]; coarse: number[]; pixels: Uint8Array };

/** `perClass` records of every class, classes interleaved; pixel values are a function of (record, position). */
export function fakeRecords(perClass: number, salt = 0): FakeRecords {
  const n = perClass * 100;
  const fine: number[] = [];
  const coarse: number[] = [];
  const pixels = new Uint8Array(n * CIFAR_PIXELS);
  for (let i = 0; i < n; i++) {
    const label = i % 100;
    fine.push(label);
    coarse.push(CIFAR100_COARSE_NAMES.indexOf(superclassOf(CIFAR100_FINE_NAMES[label]!)));
    for (let p = 0; p < CIFAR_PIXELS; p++) pixels[i * CIFAR_PIXELS + p] = (i * 31 + p * 7 + salt) & 0xff;
  }
  return { fine, coarse, pixels };
}

export function binaryFile(records: FakeRecords): Buffer {
  const n = records.fine.length;
  const out = Buffer.alloc(n * (CIFAR_PIXELS + 2));
  for (let i = 0; i < n; i++) {
    const at = i * (CIFAR_PIXELS + 2);
    out[at] = records.coarse[i]!;
    out[at + 1] = records.fine[i]!;
    out.set(records.pixels.subarray(i * CIFAR_PIXELS, (i + 1) * CIFAR_PIXELS), at + 2);
  }
  return out;
}

export function labelNames(kind: "fine" | "coarse"): string {
  return `${(kind === "fine" ? CIFAR100_FINE_NAMES : CIFAR100_COARSE_NAMES).join("\n")}\n`;
}

type Py = { str: string } | number | Py[] | { array: Uint8Array; shape: [number, number] };

/** Pickles a dict of py2 str keys → values (protocol 2, Python 2 style). */
export function py2Pickle(entries: [string, Py][]): Buffer {
  const out: Buffer[] = [Buffer.from([0x80, 2, 0x7d, 0x28])];
  const str = (s: string) => {
    const b = Buffer.from(s, "latin1");
    out.push(b.length < 256 ? Buffer.from([0x55, b.length]) : u32(0x54, b.length), b);
  };
  const int = (v: number) => {
    if (v >= 0 && v < 256) out.push(Buffer.from([0x4b, v]));
    else if (v >= 0 && v < 65536) out.push(Buffer.from([0x4d, v & 0xff, v >> 8]));
    else out.push(u32(0x4a, v));
  };
  const value = (v: Py): void => {
    if (typeof v === "number") return int(v);
    if (Array.isArray(v)) {
      out.push(Buffer.from([0x5d]));
      for (let i = 0; i < v.length; i += 1000) {
        out.push(Buffer.from([0x28]));
        v.slice(i, i + 1000).forEach(value);
        out.push(Buffer.from([0x65]));
      }
      return;
    }
    if ("str" in v) return str(v.str);
    out.push(Buffer.from("cnumpy.core.multiarray\n_reconstruct\ncnumpy\nndarray\n", "latin1"));
    int(0);
    out.push(Buffer.from([0x85]));
    str("b");
    out.push(Buffer.from([0x87, 0x52, 0x28])); // TUPLE3 REDUCE MARK
    int(1);
    int(v.shape[0]);
    int(v.shape[1]);
    out.push(Buffer.from([0x86]), Buffer.from("cnumpy\ndtype\n", "latin1"));
    str("u1");
    int(0);
    int(1);
    out.push(Buffer.from([0x87, 0x52, 0x28]));
    int(3);
    str("|");
    out.push(Buffer.from([0x4e, 0x4e, 0x4e]), u32(0x4a, -1), u32(0x4a, -1));
    int(0);
    out.push(Buffer.from([0x74, 0x62, 0x89])); // TUPLE BUILD NEWFALSE
    out.push(u32(0x54, v.array.length), Buffer.from(v.array.buffer, v.array.byteOffset, v.array.byteLength));
    out.push(Buffer.from([0x74, 0x62])); // TUPLE BUILD
  };
  for (const [k, v] of entries) {
    str(k);
    value(v);
  }
  out.push(Buffer.from([0x75, 0x2e]));
  return Buffer.concat(out);
}

function u32(op: number, v: number): Buffer {
  const b = Buffer.alloc(5);
  b[0] = op;
  b.writeInt32LE(v, 1);
  return b;
}

export function pythonPart(name: string, records: FakeRecords): Buffer {
  return py2Pickle([
    ["batch_label", { str: `${name} batch` }],
    ["fine_labels", records.fine],
    ["coarse_labels", records.coarse],
    ["data", { array: records.pixels, shape: [records.fine.length, CIFAR_PIXELS] }],
  ]);
}

export function pythonMeta(): Buffer {
  return py2Pickle([
    ["fine_label_names", CIFAR100_FINE_NAMES.map((s) => ({ str: s }))],
    ["coarse_label_names", CIFAR100_COARSE_NAMES.map((s) => ({ str: s }))],
  ]);
}
