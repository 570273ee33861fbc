/**
 * The few network shapes the platform writes as ONNX itself, from weights it is given (TF.js layouts: kernels
 * [kh, kw, in, out], dense [in, out]): the Conv-4 embedding of the ProtoNet baseline and the starters, and dense
 * stacks for policies and small embeddings. Images come in NHWC, or NCHW with `layout: "nchw"`; either way the
 * features are flattened in NHWC order, so a model and its TF.js twin produce the same vector.
 */
import { createRng } from "@/lib/core/random";
import type { OnnxGraph, OnnxInitializer, OnnxNode } from "./onnx-writer";

export type DenseLayer = {
  kernel: Float32Array;
  inputs: number;
  units: number;
  bias: Float32Array;
  activation?: "relu" | "tanh";
};

export type ConvBlock = {
  /** [3, 3, inChannels, filters] as TF.js stores it. */
  kernel: Float32Array;
  inChannels: number;
  filters: number;
  bias: Float32Array;
  batchNorm: { gamma: Float32Array; beta: Float32Array; mean: Float32Array; variance: Float32Array; epsilon: number };
};

type Layout = "nhwc" | "nchw";

/** Builds a graph node by node, naming each intermediate value. */
class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private count = 0;

  constant(dims: number[], data: Float32Array | BigInt64Array): string {
    const name = `w${this.initializers.length}`;
    this.initializers.push({ name, dims, data });
    return name;
  }

  op(op: string, inputs: string[], attributes?: OnnxNode["attributes"]): string {
    const output = `t${this.count++}`;
    this.nodes.push({ op, inputs, outputs: [output], attributes });
    return output;
  }
}

/** [kh, kw, in, out] → ONNX's [out, in, kh, kw]. */
function hwioToOihw(kernel: Float32Array, kh: number, kw: number, cin: number, cout: number): Float32Array {
  const out = new Float32Array(kernel.length);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++)
          out[((o * cin + i) * kh + y) * kw + x] = kernel[((y * kw + x) * cin + i) * cout + o]!;
  return out;
}

function denseStack(g: GraphBuilder, input: string, layers: DenseLayer[]): string {
  let x = input;
  for (const layer of layers) {
    x = g.op("Add", [
      g.op("MatMul", [x, g.constant([layer.inputs, layer.units], layer.kernel)]),
      g.constant([layer.units], layer.bias),
    ]);
    if (layer.activation === "relu") x = g.op("Relu", [x]);
    if (layer.activation === "tanh") x = g.op("Tanh", [x]);
  }
  return x;
}

function graph(
  g: GraphBuilder,
  input: (number | string)[],
  output: string,
  outputShape: (number | string)[],
): OnnxGraph {
  g.nodes.push({ op: "Identity", inputs: [output], outputs: ["output"] });
  return {
    inputs: [{ name: "input", shape: input }],
    outputs: [{ name: "output", shape: outputShape }],
    nodes: g.nodes,
    initializers: g.initializers,
    opset: 17,
  };
}

/**
 * input [B, ...shape] (an image-like [B, H, W, C] or, with layout nchw, [B, C, H, W]) → flattened in NHWC order →
 * dense layers → [B, last units]. `batch` is the first dimension: symbolic by default.
 */
export function denseGraph(o: {
  shape: number[];
  layout?: Layout;
  layers: DenseLayer[];
  batch?: number | string;
}): OnnxGraph {
  const g = new GraphBuilder();
  const batch = o.batch ?? "batch";
  const nchw = o.layout === "nchw" && o.shape.length === 3;
  const input = nchw ? [batch, o.shape[2]!, o.shape[0]!, o.shape[1]!] : [batch, ...o.shape];
  let x = nchw ? g.op("Transpose", ["input"], { perm: { ints: [0, 2, 3, 1] } }) : "input";
  if (o.shape.length > 1) x = g.op("Flatten", [x], { axis: { i: 1 } });
  return graph(g, input, denseStack(g, x, o.layers), [batch, o.layers.at(-1)!.units]);
}

/**
 * Conv-4: per block a 3×3 convolution ("same" padding), batch normalization (inference), ReLU and a 2×2 max-pool,
 * then the features flattened in NHWC order, as TF.js's Conv-4 does. [B, H, W, C] (or [B, C, H, W]) → [B, D].
 */
export function convEmbeddingGraph(o: {
  imageShape: [number, number, number];
  layout?: Layout;
  blocks: ConvBlock[];
}): OnnxGraph {
  const g = new GraphBuilder();
  const [h, w, c] = o.imageShape;
  const nchw = o.layout === "nchw";
  let x = nchw ? "input" : g.op("Transpose", ["input"], { perm: { ints: [0, 3, 1, 2] } });
  let [height, width] = [h, w];
  for (const b of o.blocks) {
    const kernel = g.constant([b.filters, b.inChannels, 3, 3], hwioToOihw(b.kernel, 3, 3, b.inChannels, b.filters));
    x = g.op("Conv", [x, kernel, g.constant([b.filters], b.bias)], {
      kernel_shape: { ints: [3, 3] },
      pads: { ints: [1, 1, 1, 1] },
    });
    const bn = b.batchNorm;
    const stats = [bn.gamma, bn.beta, bn.mean, bn.variance].map((v) => g.constant([b.filters], v));
    x = g.op("BatchNormalization", [x, ...stats], { epsilon: { f: bn.epsilon } });
    x = g.op("MaxPool", [g.op("Relu", [x])], { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } });
    [height, width] = [Math.floor(height / 2), Math.floor(width / 2)];
  }
  x = g.op("Flatten", [g.op("Transpose", [x], { perm: { ints: [0, 2, 3, 1] } })], { axis: { i: 1 } });
  const features = height * width * o.blocks.at(-1)!.filters;
  return graph(g, nchw ? ["batch", c, h, w] : ["batch", h, w, c], x, ["batch", features]);
}

/** Uniform values in [−scale, scale) from a seeded generator: the starters' untrained weights. */
export function seededValues(length: number, seed: number, scale: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length }, () => rng.uniform(-scale, scale));
}

/** A seeded Conv-4-style block: He-uniform kernel, zero bias, identity batch norm. */
export function seededConvBlock(inChannels: number, filters: number, seed: number): ConvBlock {
  const ones = new Float32Array(filters).fill(1);
  const zeros = new Float32Array(filters);
  return {
    kernel: seededValues(9 * inChannels * filters, seed, Math.sqrt(6 / (9 * inChannels))),
    inChannels,
    filters,
    bias: zeros,
    batchNorm: { gamma: ones, beta: zeros, mean: zeros, variance: ones, epsilon: 1e-3 },
  };
}

/** A seeded dense layer: Glorot-uniform kernel, zero bias. */
export function seededDense(
  inputs: number,
  units: number,
  seed: number,
  activation?: DenseLayer["activation"],
): DenseLayer {
  return {
    kernel: seededValues(inputs * units, seed, Math.sqrt(6 / (inputs + units))),
    inputs,
    units,
    bias: new Float32Array(units),
    activation,
  };
}
