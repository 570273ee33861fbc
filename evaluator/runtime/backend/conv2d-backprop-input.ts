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
      const { filterHeight, filterWidth, strideHeight, strideWidth } = info;
      const padTop = filterHeight - 1 - info.padInfo.top;
      const padLeft = filterWidth - 1 - info.padInfo.left;
      if (dataFormat !== "NHWC" || padTop < 0 || padLeft < 0) return original.kernelFunc(args);

      const run = (name: string, runInputs: tfjs.NamedTensorInfoMap, runAttrs: object): Info =>
        tf
          .getKernel(name, "wasm")!
          .kernelFunc({ inputs: runInputs, backend, attrs: runAttrs as tfjs.NamedAttrMap }) as Info;
      const intermediates: Info[] = [];
      const keep = (t: Info) => {
        intermediates.push(t);
        return t;
      };
      // A view of the same data with another shape (no copy, nothing to free).
      const view = (t: Info, shape: number[]): Info => ({ dataId: t.dataId, shape, dtype: t.dtype });
      try {
        const [batch, dyHeight, dyWidth, channels] = dy.shape;
        let spread = dy;
        if (strideWidth > 1) {
          const padded = keep(
            run(
              tf.PadV2,
              { x: view(spread, [batch * dyHeight, dyWidth, 1, channels]) },
              {
                paddings: [
                  [0, 0],
                  [0, 0],
                  [0, strideWidth - 1],
                  [0, 0],
                ],
                constantValue: 0,
              },
            ),
          );
          spread = view(padded, [batch, dyHeight, dyWidth * strideWidth, channels]);
        }
        if (strideHeight > 1) {
          const row = spread.shape[2] * channels;
          const padded = keep(
            run(
              tf.PadV2,
              { x: view(spread, [batch, dyHeight, 1, row]) },
              {
                paddings: [
                  [0, 0],
                  [0, 0],
                  [0, strideHeight - 1],
                  [0, 0],
                ],
                constantValue: 0,
              },
            ),
          );
          spread = view(padded, [batch, dyHeight * strideHeight, spread.shape[2], channels]);
        }
        // Rows/columns past inputSize + padding − 1 only reach outputs beyond the input: cut them.
        const padBottom = info.inHeight + info.padInfo.top - spread.shape[1];
        const padRight = info.inWidth + info.padInfo.left - spread.shape[2];
        if (padBottom < 0 || padRight < 0) {
          const size = [
            batch,
            spread.shape[1] + Math.min(0, padBottom),
            spread.shape[2] + Math.min(0, padRight),
            channels,
          ];
          spread = keep(run(tf.Slice, { x: spread }, { begin: [0, 0, 0, 0], size }));
        }
        const flipped = keep(run(tf.Reverse, { x: filter }, { dims: [0, 1] }));
        const swapped = keep(run(tf.Transpose, { x: flipped }, { perm: [0, 1, 3, 2] }));
        return run(
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
      } finally {
        for (const t of intermediates) backend.disposeData(t.dataId);
      }
    },
  };
}
