import type * as tfjs from "@tensorflow/tfjs";

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * `Conv2DBackpropFilter` for the WASM backend, which ships without one (so a
 * conv net could run forward but not train there).
 *
 * dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh − padTop, ow·s + kw − padLeft, ci] · dy[b, oh, ow, co]
 * is itself a convolution: with the batch as the channel axis, x laid out as
 * [ci, H, W, b] is convolved with dy laid out as [oh, ow, b, co] at stride 1
 * and dilation s. The result [ci, ≥kh, ≥kw, co] is cut to the filter size and
 * laid out as [kh, kw, ci, co]. Every step runs one of WASM's own kernels.
 */
export function conv2dBackpropFilterKernel(tf: Tf): tfjs.KernelConfig {
  return {
    kernelName: tf.Conv2DBackpropFilter,
    backendName: "wasm",
    kernelFunc: (args) => {
      const { inputs, attrs } = args;
      const backend = args.backend as tfjs.KernelBackend;
      const { x, dy } = inputs as { x: Info; dy: Info };
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } =
        attrs as unknown as tfjs.Conv2DBackpropFilterAttrs;
      if (dataFormat !== "NHWC") {
        throw new Error(`Conv2DBackpropFilter on wasm supports dataFormat NHWC only, got ${dataFormat}`);
      }
      const run = (name: string, runInputs: tfjs.NamedTensorInfoMap, runAttrs: object): Info => {
        const kernel = tf.getKernel(name, "wasm");
        if (!kernel) throw new Error(`The wasm backend has no ${name} kernel`);
        return kernel.kernelFunc({ inputs: runInputs, backend, attrs: runAttrs as tfjs.NamedAttrMap }) as Info;
      };
      const intermediates: Info[] = [];
      const keep = (info: Info) => {
        intermediates.push(info);
        return info;
      };
      try {
        const info = tf.backend_util.computeConv2DInfo(
          x.shape as [number, number, number, number],
          filterShape,
          strides,
          1,
          pad,
          dimRoundingMode,
        );
        const [filterHeight, filterWidth] = filterShape;
        const { top, left } = info.padInfo;
        // Pad far enough that the dilated "filter" (dy) fits, then cut back to the filter size.
        const needHeight = (info.outHeight - 1) * info.strideHeight + filterHeight;
        const needWidth = (info.outWidth - 1) * info.strideWidth + filterWidth;
        const bottom = Math.max(0, needHeight - top - info.inHeight);
        const right = Math.max(0, needWidth - left - info.inWidth);
        let input = x;
        if (top || bottom || left || right) {
          const paddings = [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ];
          input = keep(run(tf.PadV2, { x }, { paddings, constantValue: 0 }));
        }
        const xT = keep(run(tf.Transpose, { x: input }, { perm: [3, 1, 2, 0] }));
        const dyT = keep(run(tf.Transpose, { x: dy }, { perm: [1, 2, 0, 3] }));
        const conv = keep(
          run(
            tf.Conv2D,
            { x: xT, filter: dyT },
            {
              strides: [1, 1],
              pad: "valid",
              dataFormat: "NHWC",
              dilations: [info.strideHeight, info.strideWidth],
            },
          ),
        );
        const cut = keep(
          run(tf.Slice, { x: conv }, { begin: [0, 0, 0, 0], size: [-1, filterHeight, filterWidth, -1] }),
        );
        return run(tf.Transpose, { x: cut }, { perm: [1, 2, 0, 3] });
      } finally {
        for (const t of intermediates) backend.disposeData(t.dataId);
      }
    },
  };
}
