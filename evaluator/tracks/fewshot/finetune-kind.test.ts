import assert from "node:assert/strict";
import { after, test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { UserCodeError } from "@/lib/core/errors";
import { layersModelFiles } from "@/evaluator/bundle/layers-model-files";
import { writeBundle, type TestBundle } from "@/testing/sandbox/harness";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";

const bundles: TestBundle[] = [];
after(() => Promise.all(bundles.map((b) => b.remove())));

/** A small seeded layers model 28×28×1 → 16 features (conv "body_conv", dense "body_dense"), as model.json + weights.bin. */
async function modelFiles(): Promise<Record<string, Uint8Array | string>> {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        name: "body_conv",
        inputShape: [28, 28, 1],
        filters: 4,
        kernelSize: 3,
        strides: 2,
        activation: "relu",
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.flatten({ name: "flat" }),
      tf.layers.dense({ name: "body_dense", units: 16, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  const files = await layersModelFiles(tf, model);
  model.dispose();
  return files;
}

const files = await modelFiles();
async function bundle(kind: "finetune" | "embedding", options: Record<string, unknown>) {
  const b = await writeBundle(
    { name: `test-${kind}`, track: "fewshot", kind, model: "model/model.json", options },
    files,
  );
  bundles.push(b);
  return b;
}
const spec = smallSpec(3);

test("a prototype-initialised head with 0 steps predicts exactly what the embedding kind does (ProtoNet's logits)", async () => {
  const finetune = await runUnitInSandbox(await bundle("finetune", { steps: 0, head: "prototype" }), spec);
  const embedding = await runUnitInSandbox(await bundle("embedding", { distance: "euclidean" }), spec);
  assert.equal(finetune.error, undefined, `${String(finetune.error)}\n${finetune.log}`);
  assert.equal(embedding.error, undefined, String(embedding.error));
  for (const [i, row] of finetune.rows!.entries()) {
    const other = embedding.rows![i]!;
    assert.equal(row.metrics.accuracy, other.metrics.accuracy);
    assert.ok(Math.abs(row.metrics.nll - other.metrics.nll) < 1e-3, `nll ${row.metrics.nll} vs ${other.metrics.nll}`);
  }
});

test("training changes the predictions, reproducibly; training body layers differs from training the head only", async () => {
  const options = { steps: 10, lr: 0.05, optimizer: "adam", head: "zero" };
  const headOnly = await runUnitInSandbox(await bundle("finetune", { ...options, trainable: "head" }), spec);
  assert.equal(headOnly.error, undefined, `${String(headOnly.error)}\n${headOnly.log}`);
  const again = await runUnitInSandbox(await bundle("finetune", { ...options, trainable: "head" }), spec);
  assert.deepEqual(again.rows, headOnly.rows);
  // A zero head untrained is uniform (NLL = ln 5); ten steps on the support set must move it.
  assert.ok(headOnly.rows!.every((r) => Math.abs(r.metrics.nll - Math.log(5)) > 1e-3));
  const withBody = await runUnitInSandbox(await bundle("finetune", { ...options, trainable: ["body_dense"] }), spec);
  assert.equal(withBody.error, undefined, String(withBody.error));
  assert.notDeepEqual(withBody.rows, headOnly.rows);
  const sgdRandom = await runUnitInSandbox(
    await bundle("finetune", { steps: 5, lr: 0.01, optimizer: "sgd", head: "random", trainable: "all" }),
    spec,
  );
  assert.equal(sgdRandom.error, undefined, String(sgdRandom.error));
});

test("options.trainable naming a missing layer fails the unit with the model's layer names", async () => {
  const run = await runUnitInSandbox(await bundle("finetune", { trainable: ["conv9"] }), spec);
  assert.ok(run.error instanceof UserCodeError, String(run.error));
  assert.match(
    run.error.message,
    /options\.trainable names layer "conv9", which the model does not have \(its layers: body_conv, flat, body_dense\)/,
  );
});

test("a learning rate that diverges fails with a clear reason", async () => {
  const run = await runUnitInSandbox(
    await bundle("finetune", { steps: 50, lr: 10, optimizer: "sgd", head: "random", trainable: "all" }),
    spec,
  );
  assert.ok(run.error instanceof UserCodeError, String(run.error));
  assert.match(
    run.error.message,
    /fine-tuning diverged \(non-finite probabilities after 50 steps at lr 10\): lower lr or steps/,
  );
});
