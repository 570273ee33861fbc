import type * as tfjs from "@tensorflow/tfjs";

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * A faster `Conv2DBackpropInput` for the WASM backend, whose own kernel is a
 * direct loop (the largest cost of a Conv-4 training step there). The input
 * gradient of a convolution is a stride-1 convolution of dy — spread out by
 * the stride, zeros between its entries — with the filter flipped in space and
 * its channel axes swapped, padded so the output has the input's size; that
 * runs on WASM's XNNPACK conv2d. A padding wider than the filter goes to the
 * package's own kernel.
 */
export function conv2dBackpropInputKernel(tf: Tf, original: tfjs.KernelConfig): tfjs.KernelConfig {
  return {
    ...original, // keeps the original's setupFunc, which the fallback needs
    kernelFunc: (args) => {
      const { inputs, attrs } = args;
      const backend = args.backend as tfjs.KernelBackend;
      const { dy, filter } = inputs as { dy: Info; filter: Info };
      const { strides, pad, dataFormat, dimRoundingMode, inputShape } =
        attrs as unknown as tfjs.Conv2DBackpropInputAttrs;
      const info = tf.backend_util.computeConv2DInfo(
        inputShape,
        filter.shape as [number, number, number, number],
        strides,
        1,
        pad,
        dimRoundingMode,
      );
      const padTop = info.filterHeight - 1 - info.padInfo.top;
      const padLeft = info.filterWidth - 1 - info.padInfo.left;
      if (dataFormat !== "NHWC" || padTop < 0 || padLeft < 0) return original.kernelFunc(args);

      const ops = wasmOps(tf, backend);
      try {
        const spread = spreadByStrides(tf, ops, dy, info.strideHeight, info.strideWidth);
        return convolveSpread(tf, ops, spread, filter, info, padTop, padLeft);
      } finally {
        for (const t of ops.intermediates) backend.disposeData(t.dataId);
      }
    },
  };
}

/** WASM kernels run directly on tensor infos; `keep` marks a result to free once the gradient is computed. */
type WasmOps = {
  run(name: string, runInputs: tfjs.NamedTensorInfoMap, runAttrs: object): Info;
  keep(t: Info): Info;
  intermediates: Info[];
};

function wasmOps(tf: Tf, backend: tfjs.KernelBackend): WasmOps {
  const intermediates: Info[] = [];
  return {
    run: (name, runInputs, runAttrs) =>
      tf
        .getKernel(name, "wasm")!
        .kernelFunc({ inputs: runInputs, backend, attrs: runAttrs as tfjs.NamedAttrMap }) as Info,
    keep: (t) => {
      intermediates.push(t);
      return t;
    },
    intermediates,
  };
}

/** A view of the same data with another shape (no copy, nothing to free). */
function view(t: Info, shape: number[]): Info {
  return { dataId: t.dataId, shape, dtype: t.dtype };
}

/** `stride − 1` zeros after each entry along the third axis of `x` seen as `shape`. */
function padThirdAxis(tf: Tf, ops: WasmOps, x: Info, shape: number[], stride: number): Info {
  return ops.keep(
    ops.run(
      tf.PadV2,
      { x: view(x, shape) },
      {
        paddings: [
          [0, 0],
          [0, 0],
          [0, stride - 1],
          [0, 0],
        ],
        constantValue: 0,
      },
    ),
  );
}

/** dy spread out by the strides: `stride − 1` zeros after each of its columns and rows. */
function spreadByStrides(tf: Tf, ops: WasmOps, dy: Info, strideHeight: number, strideWidth: number): Info {
  const [batch, dyHeight, dyWidth, channels] = dy.shape;
  let spread = dy;
  if (strideWidth > 1) {
    const padded = padThirdAxis(tf, ops, spread, [batch * dyHeight, dyWidth, 1, channels], strideWidth);
    spread = view(padded, [batch, dyHeight, dyWidth * strideWidth, channels]);
  }
  if (strideHeight > 1) {
    const row = spread.shape[2] * channels;
    const padded = padThirdAxis(tf, ops, spread, [batch, dyHeight, 1, row], strideHeight);
    spread = view(padded, [batch, dyHeight * strideHeight, spread.shape[2], channels]);
  }
  return spread;
}

/** The stride-1 convolution of the spread dy with the flipped, channel-swapped filter, padded to the input's size. */
function convolveSpread(
  tf: Tf,
  ops: WasmOps,
  spread: Info,
  filter: Info,
  info: tfjs.backend_util.Conv2DInfo,
  padTop: number,
  padLeft: number,
): Info {
  const [batch, , , channels] = spread.shape;
  // Rows/columns past inputSize + padding − 1 only reach outputs beyond the input: cut them.
  const padBottom = info.inHeight + info.padInfo.top - spread.shape[1];
  const padRight = info.inWidth + info.padInfo.left - spread.shape[2];
  if (padBottom < 0 || padRight < 0) {
    const size = [batch, spread.shape[1] + Math.min(0, padBottom), spread.shape[2] + Math.min(0, padRight), channels];
    spread = ops.keep(ops.run(tf.Slice, { x: spread }, { begin: [0, 0, 0, 0], size }));
  }
  const flipped = ops.keep(ops.run(tf.Reverse, { x: filter }, { dims: [0, 1] }));
  const swapped = ops.keep(ops.run(tf.Transpose, { x: flipped }, { perm: [0, 1, 3, 2] }));
  return ops.run(
    tf.Conv2D,
    { x: spread, filter: swapped },
    {
      strides: [1, 1],
      pad: [
        [0, 0],
        [padTop, Math.max(0, padBottom)],
        [padLeft, Math.max(0, padRight)],
        [0, 0],
      ],
      dataFormat: "NHWC",
      dilations: [1, 1],
    },
  );
}
