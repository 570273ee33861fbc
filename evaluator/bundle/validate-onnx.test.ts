import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { checkBundle } from "./check";
import { denseGraph, seededDense } from "./onnx/onnx-graphs";
import { ONNX_DTYPE, writeOnnxModel, type OnnxGraph } from "./onnx/onnx-writer";
import { expectRejected, scratchDir } from "@/testing/bundles/scratch";
import { rawTarGz } from "@/testing/bundles/tar-bytes";

const EMBEDDING = { name: "onnx-embedding", track: "fewshot", kind: "embedding", model: "model.onnx" };
const ATARI = { name: "onnx-policy", track: "atari", kind: "policy", model: "model.onnx" };
const METAWORLD = { name: "onnx-policy", track: "metaworld", kind: "policy", model: "model.onnx" };

const embeddingGraph = (o: Partial<Parameters<typeof denseGraph>[0]> = {}) =>
  denseGraph({ shape: [28, 28, 1], layers: [seededDense(784, 8, 1)], ...o });
const atariGraph = (o: Partial<Parameters<typeof denseGraph>[0]> = {}) =>
  denseGraph({ shape: [84, 84, 4], layers: [seededDense(84 * 84 * 4, 6, 1)], batch: 1, ...o });
const metaworldGraph = (units = 4) => denseGraph({ shape: [39], layers: [seededDense(39, units, 1, "tanh")] });

function bundle(
  manifest: Record<string, unknown>,
  model: OnnxGraph | Uint8Array | string,
  extra: Record<string, string | Buffer> = {},
): Buffer {
  const bytes = model instanceof Uint8Array || typeof model === "string" ? model : writeOnnxModel(model);
  const files = { "heldout.json": JSON.stringify(manifest), "model.onnx": Buffer.from(bytes), ...extra };
  return rawTarGz(Object.entries(files).map(([p, body]) => ({ path: p, body })));
}

async function accepted(archive: Buffer) {
  const scratch = scratchDir();
  try {
    const file = path.join(scratch.dir, "bundle.tar.gz");
    fs.writeFileSync(file, archive);
    return await checkBundle({ path: file, tmpDir: scratch.dir });
  } finally {
    scratch.remove();
  }
}

const refused = (archive: Buffer, code: string, message: RegExp) => expectRejected(archive, { code, message });

test("ONNX embeddings (NHWC, NCHW, fixed batch) and ONNX Atari and Meta-World policies pass the checker", async () => {
  assert.deepEqual((await accepted(bundle(EMBEDDING, embeddingGraph()))).manifest, {
    ...EMBEDDING,
    options: { distance: "euclidean" },
    method: { description: "", tags: [] },
  });
  assert.equal(
    (await accepted(bundle({ ...EMBEDDING, layout: "nchw" }, embeddingGraph({ layout: "nchw" })))).manifest.kind,
    "embedding",
  );
  await accepted(bundle(EMBEDDING, embeddingGraph({ batch: 32 })));
  await accepted(bundle(ATARI, atariGraph()));
  await accepted(bundle({ ...ATARI, layout: "nchw" }, atariGraph({ layout: "nchw", batch: "n" })));
  await accepted(bundle(METAWORLD, metaworldGraph()));
});

test("a file that is not an ONNX model is refused", async () => {
  await refused(
    bundle(EMBEDDING, "not a model at all"),
    "bundle_model_invalid",
    /^model\.onnx: not an ONNX model \(.+\)\.$/,
  );
  await refused(
    bundle(EMBEDDING, new Uint8Array(0)),
    "bundle_model_invalid",
    /^model\.onnx: not an ONNX model \(it has no graph\)\.$/,
  );
});

test("an ONNX model absent from the bundle, or a layout on a TF.js model, is refused", async () => {
  const missing = rawTarGz([{ path: "heldout.json", body: JSON.stringify(EMBEDDING) }]);
  await refused(missing, "bundle_model_missing", /^heldout\.json: model: 'model\.onnx' is not in the bundle\.$/);
  const tfjsNchw = rawTarGz([
    { path: "heldout.json", body: JSON.stringify({ ...EMBEDDING, model: "model.json", layout: "nchw" }) },
  ]);
  await refused(
    tfjsNchw,
    "bundle_manifest_invalid",
    /layout: layout 'nchw' is for ONNX models; a TF\.js model takes NHWC/,
  );
  const finetune = rawTarGz([{ path: "heldout.json", body: JSON.stringify({ ...EMBEDDING, kind: "finetune" }) }]);
  await refused(finetune, "bundle_manifest_invalid", /model: model must point at a TF\.js model\.json/);
});

test("opsets and IR versions ONNX Runtime does not run are refused", async () => {
  await refused(
    bundle(EMBEDDING, { ...embeddingGraph(), opset: 27 }),
    "bundle_model_opset",
    /^model\.onnx: uses opset 27; supported opsets are 7–26 /,
  );
  await refused(
    bundle(EMBEDDING, { ...embeddingGraph(), opset: 6 }),
    "bundle_model_opset",
    /uses opset 6; supported opsets are 7–26/,
  );
  await refused(
    bundle(EMBEDDING, { ...embeddingGraph(), irVersion: 14 }),
    "bundle_model_opset",
    /^model\.onnx: ONNX IR version 14 is not supported; ONNX Runtime here loads IR 3–13 \(a newer onnx package writes a newer IR by default: set model\.ir_version = 13 before onnx\.save\)\.$/,
  );
});

test("custom and vendor operators are refused, naming the operator", async () => {
  const graph = embeddingGraph();
  const custom = {
    ...graph,
    nodes: [
      ...graph.nodes.slice(0, -1),
      { op: "FastGelu", domain: "com.microsoft", inputs: [graph.nodes.at(-1)!.inputs[0]!], outputs: ["output"] },
    ],
    extraOpsets: [{ domain: "com.microsoft", version: 1 }],
  };
  await refused(
    bundle(EMBEDDING, custom),
    "bundle_model_custom_op",
    /^model\.onnx: operator 'FastGelu' of domain 'com\.microsoft' is not a standard ONNX operator; custom and vendor operators are not accepted\.$/,
  );
});

test("a model without exactly one input and one output is refused", async () => {
  const graph = embeddingGraph();
  const twoInputs = { ...graph, inputs: [...graph.inputs, { name: "extra", shape: ["batch", 1] }] };
  await refused(
    bundle(EMBEDDING, twoInputs),
    "bundle_model_signature",
    /^model\.onnx: has 2 inputs and 1 output; it must have exactly one of each\.$/,
  );
  const noOutput = { ...graph, outputs: [] };
  await refused(
    bundle(EMBEDDING, noOutput),
    "bundle_model_signature",
    /has 1 input and 0 outputs; it must have exactly one of each/,
  );
});

test("inputs and outputs of the wrong dtype or shape for the kind are refused, saying what the kind takes", async () => {
  const graph = embeddingGraph();
  const int64 = { ...graph, inputs: [{ ...graph.inputs[0]!, elemType: ONNX_DTYPE.int64 }] };
  await refused(
    bundle(EMBEDDING, int64),
    "bundle_model_signature",
    /^model\.onnx: input 'input' is int64; it must be a float32 tensor \(this kind of bundle takes an image batch \[B, H, W, C\]\)\.$/,
  );
  const flat = denseGraph({ shape: [784], layers: [seededDense(784, 8, 1)] });
  await refused(
    bundle(EMBEDDING, flat),
    "bundle_model_signature",
    /input 'input' has shape \[batch, 784\]; it must have 4 dimensions/,
  );
  const twoChannels = { ...graph, inputs: [{ name: "input", shape: ["batch", 28, 28, 2] }] };
  await refused(
    bundle(EMBEDDING, twoChannels),
    "bundle_model_signature",
    /has shape \[batch, 28, 28, 2\]: dimension 3 \(channels\) is 2; images have 1 or 3 channels/,
  );
  const fixedOutput = { ...graph, outputs: [{ name: "output", shape: [5, 8] }] };
  await refused(
    bundle(EMBEDDING, fixedOutput),
    "bundle_model_signature",
    /output 'output' has shape \[5, 8\]: dimension 0 \(the batch\) is fixed at 5 while the input's batch is symbolic/,
  );
  await refused(
    bundle(ATARI, denseGraph({ shape: [84, 84, 3], layers: [seededDense(84 * 84 * 3, 6, 1)] })),
    "bundle_model_signature",
    /dimension 3 is 3; it must be 4 \(this kind of bundle takes stacked frames \[1, 84, 84, 4\]\)/,
  );
  await refused(
    bundle(ATARI, atariGraph({ batch: 2 })),
    "bundle_model_signature",
    /dimension 0 \(the batch\) is 2; a policy sees one observation at a time, so it must be 1 or symbolic/,
  );
  await refused(
    bundle({ ...ATARI, layout: "nchw" }, atariGraph()),
    "bundle_model_signature",
    /has shape \[1, 84, 84, 4\]: dimension 1 is 84; it must be 4 \(this kind of bundle takes stacked frames \[1, 4, 84, 84\] \(layout nchw\)\)/,
  );
  await refused(
    bundle(METAWORLD, metaworldGraph(3)),
    "bundle_model_signature",
    /output 'output' has shape \[batch, 3\]: dimension 1 is 3; it must be 4/,
  );
});

test("external data must be a file inside the bundle that holds the bytes it names", async () => {
  const graph = embeddingGraph();
  const [weights, ...rest] = graph.initializers;
  const withLocation = (location: string) => ({
    ...graph,
    initializers: [{ ...weights!, external: { location, offset: 0 } }, ...rest],
  });
  const bytes = Buffer.from(weights!.data.buffer);
  await accepted(bundle(EMBEDDING, withLocation("weights.bin"), { "weights.bin": bytes }));
  await refused(
    bundle(EMBEDDING, withLocation("../weights.bin")),
    "bundle_weights_outside",
    /^model\.onnx: initializer 'w0' keeps its data at '\.\.\/weights\.bin', outside the bundle/,
  );
  await refused(
    bundle(EMBEDDING, withLocation("/etc/passwd")),
    "bundle_weights_outside",
    /keeps its data at '\/etc\/passwd', outside the bundle/,
  );
  await refused(
    bundle(EMBEDDING, withLocation("weights.bin")),
    "bundle_weights_missing",
    /^model\.onnx: initializer 'w0' keeps its data in 'weights\.bin', which is not in the bundle\.$/,
  );
  await refused(
    bundle(EMBEDDING, withLocation("weights.bin"), { "weights.bin": bytes.subarray(0, 100) }),
    "bundle_weights_size",
    /reads bytes 0–25088 of 'weights\.bin', which holds 100 bytes/,
  );
});
