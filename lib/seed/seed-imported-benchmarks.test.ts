import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { importScratch, writeStandardFakeStores } from "@/testing/datasets/stores";
import { createTestPlatform, type TestPlatform } from "@/testing/platform/submission-loop";
import { modelInputShape } from "@/evaluator/bundle";
import { seedPlatform } from "./seed";

// At start the seeder also creates the benchmarks of imported datasets, and gives each only the baselines it can run.
let platform: TestPlatform;
const scratch = importScratch();

before(async () => {
  platform = await createTestPlatform();
  await writeStandardFakeStores(scratch.datasetsDir);
});

after(async () => {
  scratch.remove();
  await platform?.close();
});

test("imported benchmarks are registered at seed; the 28×28×1 model baselines (a learner's own model included) go to Omniglot only, the random learner everywhere", async () => {
  const report = await seedPlatform({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    datasetsDir: scratch.datasetsDir,
  });
  const imported = [
    "omniglot-5way-1shot",
    "omniglot-5way-5shot",
    "omniglot-20way-1shot",
    "omniglot-20way-5shot",
    "cifar-fs-5way-1shot",
    "cifar-fs-5way-5shot",
    "fc100-5way-1shot",
    "fc100-5way-5shot",
  ];
  for (const slug of imported)
    assert.ok(report.benchmarks.includes(slug), `${slug} registered: ${report.benchmarks.join(", ")}`);
  const queued = new Set(report.baselinesQueued);
  for (const slug of imported) {
    assert.ok(queued.has(`${slug}/random`), `${slug}/random queued`);
    const fits = slug.startsWith("omniglot");
    for (const model of ["protonet-conv4", "finetune-conv4", "r2d2-conv4"]) {
      assert.equal(queued.has(`${slug}/${model}`), fits, `${slug}/${model}`);
      assert.equal(report.baselinesSkipped.includes(`${slug}/${model}`), !fits, `${slug}/${model} skipped`);
    }
  }
  const again = await seedPlatform({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    datasetsDir: scratch.datasetsDir,
  });
  assert.deepEqual(again.baselinesQueued, []);
});

test("a model's input shape is read from a Sequential or a functional topology, and is undefined when it is not given", () => {
  const sequential = {
    modelTopology: {
      class_name: "Sequential",
      config: { layers: [{ class_name: "Conv2D", config: { batch_input_shape: [null, 28, 28, 1] } }] },
    },
  };
  assert.deepEqual(modelInputShape(sequential), [28, 28, 1]);
  const functional = {
    modelTopology: {
      model_config: {
        class_name: "Model",
        config: { layers: [{ class_name: "InputLayer", config: { batch_input_shape: [null, 32, 32, 3] } }] },
      },
    },
  };
  assert.deepEqual(modelInputShape(functional), [32, 32, 3]);
  assert.equal(modelInputShape({ modelTopology: { node: [] } }), undefined);
  assert.equal(
    modelInputShape({
      modelTopology: { config: { layers: [{ config: { batch_input_shape: [null, null, null, 3] } }] } },
    }),
    undefined,
  );
});
