/**
 * The ONNX starters of `heldout bundle init … --format onnx`: seeded, untrained models of the kind's shapes written
 * as model.onnx, and the README section that shows how to export a trained model from PyTorch, JAX or Keras.
 */
import { convEmbeddingGraph, denseGraph, seededConvBlock, seededDense } from "@/evaluator/bundle/onnx/onnx-graphs";
import { writeOnnxModel } from "@/evaluator/bundle/onnx/onnx-writer";

const FILTERS = 32;

/** Conv blocks (3×3 conv, batch norm, ReLU, 2×2 max-pool) while the image is at least 2 pixels across, up to 4. */
export function onnxEmbeddingStarter([h, w, c]: [number, number, number]): Uint8Array {
  const blocks = [];
  for (
    let size = Math.min(h, w), inChannels = c;
    blocks.length < 4 && size >= 2;
    size = Math.floor(size / 2), inChannels = FILTERS
  ) {
    blocks.push(seededConvBlock(inChannels, FILTERS, blocks.length + 1));
  }
  return writeOnnxModel(convEmbeddingGraph({ imageShape: [h, w, c], blocks }));
}

/** Meta-World: observation [1, 39] → 32 (tanh) → action [1, 4] (tanh). Atari: frames [1, 84, 84, 4] → scores. */
/** `size`: Atari's action count, Meta-World's observation length. */
export function onnxPolicyStarter(track: "metaworld" | "atari", size: number): Uint8Array {
  if (track === "metaworld")
    return writeOnnxModel(
      denseGraph({
        shape: [size],
        layers: [seededDense(size, 32, 1, "tanh"), seededDense(32, 4, 2, "tanh")],
        batch: 1,
      }),
    );
  // Raw 0–255 pixels in: the scale goes into the weights (a trained model includes its own scaling).
  const layer = seededDense(84 * 84 * 4, size, 1);
  return writeOnnxModel(
    denseGraph({ shape: [84, 84, 4], layers: [{ ...layer, kernel: layer.kernel.map((v) => v / 255) }], batch: 1 }),
  );
}

/** How to replace model.onnx with a trained model, for the input `shape` (batch excluded, NHWC) of this kind. */
export function onnxExportReadme(shape: number[]): string {
  const nhwc = shape.join(", ");
  const image = shape.length === 3;
  const nchw = image ? [shape[2], shape[0], shape[1]].join(", ") : nhwc;
  const layoutNote = image
    ? `PyTorch's convolutions are NCHW: export as it is and declare \`"layout": "nchw"\` in heldout.json (the evaluator
transposes each batch to [B, ${nchw}] before the model sees it), or wrap the network so that it takes NHWC and keep
the default layout.`
    : "An observation vector has no layout: export with the input shape as it is.";
  return `## Replacing model.onnx with your trained model

The model takes one float32 input [batch, ${nhwc}] (NHWC, the default) and gives one float32 output [batch, …]; the
batch dimension may be symbolic (recommended) or fixed. Opsets 7–26, standard ONNX operators only (no custom or
vendor domains), IR versions 3–13 (a recent onnx package saves IR 14 by default: \`m.ir_version = 13\` before
\`onnx.save(m, "model.onnx")\`); external-data files must be inside the bundle. \`heldout bundle check .\` runs the
server's checks.

**PyTorch** (\`torch.onnx.export\`) gives the layout of the module: NCHW for convolutional networks.

    model.eval()
    torch.onnx.export(model, torch.zeros(1, ${nchw}), "model.onnx", opset_version=17,
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})

${layoutNote}

**JAX** (Flax and Haiku convolutions are NHWC, the default layout): convert with jax2tf, then tf2onnx (the
jax2onnx package exports directly as well).

    from jax.experimental import jax2tf
    import tensorflow as tf, tf2onnx
    fn = tf.function(jax2tf.convert(lambda x: model.apply(params, x), polymorphic_shapes=["(b, ${nhwc})"]), autograph=False)
    tf2onnx.convert.from_function(fn, input_signature=[tf.TensorSpec([None, ${nhwc}], tf.float32, name="input")],
                                  opset=17, output_path="model.onnx")

**Keras** (channels_last, NHWC, the default layout): tf2onnx.

    import tensorflow as tf, tf2onnx
    tf2onnx.convert.from_keras(model, input_signature=[tf.TensorSpec([None, ${nhwc}], tf.float32, name="input")],
                               opset=17, output_path="model.onnx")
`;
}
