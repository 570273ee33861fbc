/**
 * Reads what the bundle checker needs from an ONNX file (onnx.proto3 field numbers): the opset imports, every
 * node's operator and domain (subgraphs and model-local functions included), the graph's inputs and outputs with
 * their types and shapes, and where external initializers keep their bytes. Tensor contents are never read.
 */
import { fieldInt, fieldInts, fieldText, ProtobufError, readFields, type WireField } from "./protobuf";

/** A dimension: a number when fixed, a string when symbolic ("batch"), null when not given at all. */
export type OnnxDim = number | string | null;
export type OnnxTensorValue = { name: string; elemType: number | undefined; shape: OnnxDim[] | undefined };
export type OnnxExternalData = {
  tensor: string;
  location: string | undefined;
  offset: number;
  length: number | undefined;
};
export type OnnxOperator = { op: string; domain: string };

export type OnnxModelSummary = {
  irVersion: number;
  opsets: Map<string, number>;
  operators: OnnxOperator[];
  /** Functions the model defines itself, by "domain:name": a node may call one like an operator. */
  functions: Set<string>;
  inputs: OnnxTensorValue[];
  outputs: OnnxTensorValue[];
  initializers: Set<string>;
  externalData: OnnxExternalData[];
};

/** Subgraphs nest (If inside Loop inside If): a depth past any real model's is refused rather than recursed into. */
const MAX_GRAPH_DEPTH = 32;

function messages(bytes: Uint8Array, field: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const f of readFields(bytes)) {
    if (f.field !== field) continue;
    if (f.wire !== "bytes") throw new ProtobufError(`field ${field} should be a message`);
    out.push(f.value);
  }
  return out;
}

function readDims(shapeBytes: Uint8Array): OnnxDim[] {
  return messages(shapeBytes, 1).map((dim) => {
    let value: OnnxDim = null;
    for (const f of readFields(dim)) {
      if (f.field === 1) value = fieldInt(f);
      else if (f.field === 2) value = fieldText(f);
    }
    return value;
  });
}

function readValueInfo(bytes: Uint8Array): OnnxTensorValue {
  const value: OnnxTensorValue = { name: "", elemType: undefined, shape: undefined };
  for (const f of readFields(bytes)) {
    if (f.field === 1) value.name = fieldText(f);
    if (f.field !== 2 || f.wire !== "bytes") continue;
    // TypeProto: only tensor_type (1) carries an element type and a shape; sequences, maps and the like do not.
    for (const tensorType of messages(f.value, 1)) {
      for (const t of readFields(tensorType)) {
        if (t.field === 1) value.elemType = fieldInt(t);
        else if (t.field === 2 && t.wire === "bytes") value.shape = readDims(t.value);
      }
    }
  }
  return value;
}

function readTensorLocation(bytes: Uint8Array, into: OnnxModelSummary): void {
  let name = "";
  let external = false;
  const entries = new Map<string, string>();
  for (const f of readFields(bytes)) {
    if (f.field === 8) name = fieldText(f);
    else if (f.field === 14) external = fieldInt(f) === 1;
    else if (f.field === 13 && f.wire === "bytes") {
      let key = "";
      let value = "";
      for (const e of readFields(f.value)) {
        if (e.field === 1) key = fieldText(e);
        else if (e.field === 2) value = fieldText(e);
      }
      entries.set(key, value);
    }
  }
  into.initializers.add(name);
  if (!external) return;
  const number = (key: string) => (entries.has(key) ? Number(entries.get(key)) : undefined);
  into.externalData.push({
    tensor: name,
    location: entries.get("location"),
    offset: number("offset") ?? 0,
    length: number("length"),
  });
}

function readNode(bytes: Uint8Array, into: OnnxModelSummary, depth: number): void {
  const operator: OnnxOperator = { op: "", domain: "" };
  for (const f of readFields(bytes)) {
    if (f.field === 4) operator.op = fieldText(f);
    else if (f.field === 7) operator.domain = fieldText(f);
    else if (f.field === 5 && f.wire === "bytes") readAttributeGraphs(f.value, into, depth);
  }
  into.operators.push(operator);
}

/** AttributeProto: g (6) is one subgraph, graphs (11) several. */
function readAttributeGraphs(bytes: Uint8Array, into: OnnxModelSummary, depth: number): void {
  for (const f of readFields(bytes)) {
    if ((f.field === 6 || f.field === 11) && f.wire === "bytes") readGraph(f.value, into, depth + 1, false);
  }
}

function readGraph(bytes: Uint8Array, into: OnnxModelSummary, depth: number, main: boolean): void {
  if (depth > MAX_GRAPH_DEPTH) throw new ProtobufError(`subgraphs nest deeper than ${MAX_GRAPH_DEPTH} levels`);
  for (const f of readFields(bytes)) {
    if (f.wire !== "bytes") continue;
    if (f.field === 1) readNode(f.value, into, depth);
    else if (f.field === 5 && main) readTensorLocation(f.value, into);
    else if (f.field === 11 && main) into.inputs.push(readValueInfo(f.value));
    else if (f.field === 12 && main) into.outputs.push(readValueInfo(f.value));
  }
}

function readFunction(bytes: Uint8Array, into: OnnxModelSummary): void {
  let name = "";
  let domain = "";
  for (const f of readFields(bytes)) {
    if (f.field === 1) name = fieldText(f);
    else if (f.field === 10) domain = fieldText(f);
    else if (f.field === 5 && f.wire === "bytes") readNode(f.value, into, 1);
  }
  into.functions.add(`${domain}:${name}`);
}

function readOpset(f: WireField, into: OnnxModelSummary): void {
  if (f.wire !== "bytes") throw new ProtobufError("opset_import should be a message");
  let domain = "";
  let version = 0;
  for (const o of readFields(f.value)) {
    if (o.field === 1) domain = fieldText(o);
    else if (o.field === 2) version = fieldInts(o)[0] ?? 0;
  }
  into.opsets.set(domain === "ai.onnx" ? "" : domain, version);
}

/** Throws ProtobufError when `bytes` is not a well-formed ModelProto with a graph. */
export function readOnnxModel(bytes: Uint8Array): OnnxModelSummary {
  const summary: OnnxModelSummary = {
    irVersion: 0,
    opsets: new Map(),
    operators: [],
    functions: new Set(),
    inputs: [],
    outputs: [],
    initializers: new Set(),
    externalData: [],
  };
  let graphs = 0;
  for (const f of readFields(bytes)) {
    if (f.field === 1) summary.irVersion = fieldInt(f);
    else if (f.field === 8) readOpset(f, summary);
    else if (f.field === 7 && f.wire === "bytes") {
      graphs++;
      readGraph(f.value, summary, 0, true);
    } else if (f.field === 25 && f.wire === "bytes") readFunction(f.value, summary);
  }
  if (graphs !== 1) throw new ProtobufError(graphs === 0 ? "it has no graph" : "it has more than one graph");
  return summary;
}
