import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { fewshotSpecSchema } from "@/lib/benchmark-spec";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import type { Frame, WireTensors } from "@/evaluator/protocol/framing";
import { CIFAR100_FINE_NAMES, superclassOf } from "@/benchmarks/datasets/cifar100/names";
import { importScratch, writeFakeStore } from "@/testing/datasets/stores";
import { runUnitInSandbox } from "@/testing/tracks/fewshot";

const scratch = importScratch();
after(scratch.remove);
const index = await writeFakeStore(scratch.datasetsDir, {
  name: "cifar100",
  imageShape: [32, 32, 3],
  classes: 100,
  perClass: 20,
  className: (i) => CIFAR100_FINE_NAMES[i]!,
  group: (i) => superclassOf(CIFAR100_FINE_NAMES[i]!),
  complete: true,
});
const randomDir = path.resolve(import.meta.dirname, "../../../benchmarks/baselines/random");
const random = {
  dir: randomDir,
  manifest: manifestSchema.parse(JSON.parse(readFileSync(path.join(randomDir, "heldout.json"), "utf8"))),
  remove: async () => {},
};

test("a CIFAR-FS benchmark runs from the store through the sandbox: 32×32×3 images of meta-test classes only", async () => {
  const spec = fewshotSpecSchema.parse({
    track: "fewshot",
    dataset: { source: "store", store: "cifar100", split: "cifar-fs", sha256: index.sha256 },
    ways: 5,
    shots: 5,
    queries: 15,
    partitions: { public: { episodes: 3, seed: 1 }, private: { episodes: 3, seed: 2 } },
    kinds: ["learner"],
    limits: { wallSeconds: 120, memoryMb: 1024, callSeconds: 30 },
  });
  const sent: { header: Frame["header"]; tensors: WireTensors }[] = [];
  const run = await runUnitInSandbox(random, spec, {
    datasetsDir: scratch.datasetsDir,
    wrap: (session) => (message, tensors, options) => {
      sent.push({ header: message, tensors: tensors ?? {} });
      return session.request(message, tensors, options);
    },
  });
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.equal(run.rows!.length, 3);
  assert.deepEqual((sent[0]!.header as unknown as { task: { imageShape: number[] } }).task.imageShape, [32, 32, 3]);
  // The first byte of every stored image is its class index: the support images tell which classes were drawn.
  const testIds = new Set(
    [
      "whale",
      "poppy",
      "rose",
      "sweet_pepper",
      "telephone",
      "bed",
      "table",
      "wardrobe",
      "leopard",
      "plain",
      "chimpanzee",
      "fox",
      "snail",
      "worm",
      "baby",
      "man",
      "woman",
      "bicycle",
      "pickup_truck",
      "rocket",
    ].map((n) => CIFAR100_FINE_NAMES.indexOf(n as never)),
  );
  // The run's episodes and, isolation: task, the replays'.
  for (const { tensors } of sent.filter((s) => s.header.type === "episode")) {
    assert.deepEqual(tensors.supportImages.shape, [25, 32, 32, 3]);
    assert.deepEqual(tensors.queryImages.shape, [75, 32, 32, 3]);
    const data = tensors.supportImages.data as Float32Array;
    const drawn = Array.from({ length: 5 }, (_, label) => Math.round(data[label * 5 * 3072]! * 255));
    assert.ok(
      drawn.every((c) => testIds.has(c)),
      `classes ${drawn} are CIFAR-FS meta-test classes`,
    );
    for (let s = 0; s < 25; s++)
      assert.equal(Math.round(data[s * 3072]! * 255), drawn[Math.floor(s / 5)], "support is class-major");
  }
});
