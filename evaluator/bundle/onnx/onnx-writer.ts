/**
 * Writes ONNX models from a small graph description: the starter bundles, the baselines' exports and the tests make
 * their .onnx files with it from known weights, so nothing is downloaded and no Python is needed. Field numbers are
 * onnx.proto3's (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto, AttributeProto).
 */
import { ProtobufWriter } from "./protobuf";

/** TensorProto.DataType values the writer and the checker name. */
export const ONNX_DTYPE = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7, float16: 10, double: 11 } as const;

export type OnnxInitializer = {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array;
  /** Stored in another file of the bundle instead of inside the model (ONNX external data). */
  external?: { location: string; offset: number };
};

export type OnnxAttribute = { i: number } | { f: number } | { ints: number[] } | { floats: number[] } | { s: string };

export type OnnxNode = {
  op: string;
  inputs: string[];
  outputs: string[];
  domain?: string;
  attributes?: Record<string, OnnxAttribute>;
};

/** A graph input or output: float32 unless `elemType` says otherwise; a string dimension is symbolic. */
export type OnnxValue = { name: string; shape: (number | string)[]; elemType?: number };

export type OnnxGraph = {
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  nodes: OnnxNode[];
  initializers: OnnxInitializer[];
  /** ai.onnx opset; default 17. Extra domains are written as further opset imports. */
  opset?: number;
  extraOpsets?: { domain: string; version: number }[];
  irVersion?: number;
  producer?: string;
};

const ATTRIBUTE_TYPE = { f: 1, i: 2, s: 3, floats: 6, ints: 7 } as const;

function valueInfo(v: OnnxValue): ProtobufWriter {
  const shape = new ProtobufWriter();
  for (const d of v.shape)
    shape.message(1, typeof d === "number" ? new ProtobufWriter().int(1, d) : new ProtobufWriter().text(2, d));
  const tensorType = new ProtobufWriter().int(1, v.elemType ?? ONNX_DTYPE.float).message(2, shape);
  return new ProtobufWriter().text(1, v.name).message(2, new ProtobufWriter().message(1, tensorType));
}

function tensor(t: OnnxInitializer): ProtobufWriter {
  const w = new ProtobufWriter()
    .packedInts(1, t.dims)
    .int(2, t.data instanceof Float32Array ? ONNX_DTYPE.float : ONNX_DTYPE.int64);
  w.text(8, t.name);
  if (t.external) {
    const entry = (key: string, value: string) => new ProtobufWriter().text(1, key).text(2, value);
    w.message(13, entry("location", t.external.location));
    w.message(13, entry("offset", String(t.external.offset)));
    w.message(13, entry("length", String(t.data.byteLength)));
    w.int(14, 1);
  } else {
    w.bytes(9, new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  }
  return w;
}

function attribute(name: string, a: OnnxAttribute): ProtobufWriter {
  const w = new ProtobufWriter().text(1, name);
  if ("i" in a) w.int(3, a.i).int(20, ATTRIBUTE_TYPE.i);
  else if ("f" in a) w.float(2, a.f).int(20, ATTRIBUTE_TYPE.f);
  else if ("ints" in a) w.packedInts(8, a.ints).int(20, ATTRIBUTE_TYPE.ints);
  else if ("floats" in a) w.packedFloats(7, a.floats).int(20, ATTRIBUTE_TYPE.floats);
  else w.text(4, a.s).int(20, ATTRIBUTE_TYPE.s);
  return w;
}

function node(n: OnnxNode, index: number): ProtobufWriter {
  const w = new ProtobufWriter();
  for (const i of n.inputs) w.text(1, i);
  for (const o of n.outputs) w.text(2, o);
  w.text(3, `${n.op}_${index}`).text(4, n.op);
  for (const [name, a] of Object.entries(n.attributes ?? {})) w.message(5, attribute(name, a));
  if (n.domain) w.text(7, n.domain);
  return w;
}

/** The bytes of a model.onnx holding `graph`. External initializers' bytes are the caller's to write. */
export function writeOnnxModel(graph: OnnxGraph): Uint8Array {
  const g = new ProtobufWriter();
  graph.nodes.forEach((n, i) => g.message(1, node(n, i)));
  g.text(2, "main");
  for (const t of graph.initializers) g.message(5, tensor(t));
  for (const v of graph.inputs) g.message(11, valueInfo(v));
  for (const v of graph.outputs) g.message(12, valueInfo(v));
  const model = new ProtobufWriter().int(1, graph.irVersion ?? 8).text(2, graph.producer ?? "heldout");
  model.message(7, g);
  model.message(8, new ProtobufWriter().text(1, "").int(2, graph.opset ?? 17));
  for (const o of graph.extraOpsets ?? []) model.message(8, new ProtobufWriter().text(1, o.domain).int(2, o.version));
  return model.finish();
}
