import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PNG } from "pngjs";
import { importScratch, writeFakeStore } from "@/testing/datasets/stores";
import type { WireTensors } from "@/evaluator/protocol/framing";
import { learnerBundle, type TestBundle } from "@/testing/sandbox/harness";
import { runUnitInSandbox } from "@/testing/tracks/fewshot";
import type { FewshotSpec } from "@/lib/benchmark-spec";
import { QUERIES_SHOWN, renderEpisodeGrid } from "./episode-grid";
import { previewEpisode } from "./preview-episodes";
import { registerStoreSplit } from "./store-split";
import { validateAuthoring } from "./validate";

const scratch = importScratch();
const bundles: TestBundle[] = [];
after(async () => {
  await Promise.all(bundles.map((b) => b.remove()));
  scratch.remove();
});

before(async () => {
  await writeFakeStore(scratch.datasetsDir, {
    name: "textures",
    imageShape: [4, 4, 3],
    classes: 10,
    perClass: 8,
    className: (i) => `texture${i}`,
    group: () => "",
    complete: false,
  });
});

const yaml = (dataset: string) => `slug: preview-check
title: Preview check
track: fewshot
${dataset}
ways: 3
shots: 2
queries: 3
partitions:
  public: { episodes: 2, seed: 41 }
  private: { episodes: 2 }
kinds: [learner]
limits: { wallSeconds: 120, memoryMb: 1024, callSeconds: 30 }
isolation: partition
`;

async function authored(dataset: string): Promise<FewshotSpec> {
  const result = validateAuthoring({ text: yaml(dataset), datasetsDir: scratch.datasetsDir });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  const { register, definition } = result.benchmark;
  if (register) await registerStoreSplit({ datasetsDir: scratch.datasetsDir, ...register });
  assert.equal(definition.spec.track, "fewshot");
  return definition.spec as FewshotSpec;
}

/** The tensors the evaluator's driver sends for each public episode, recorded on their way into a real sandbox. */
async function evaluatedEpisodes(spec: FewshotSpec): Promise<WireTensors[]> {
  const bundle = await learnerBundle(`export default ({ tf, task }) => ({
    adapt() {},
    predict(query) { return tf.fill([query.images.shape[0], task.ways], 1 / task.ways); },
  });`);
  bundles.push(bundle);
  const sent: WireTensors[] = [];
  const run = await runUnitInSandbox(bundle, spec, {
    datasetsDir: scratch.datasetsDir,
    wrap: (session) => (message, tensors, options) => {
      if (message.type === "episode") sent.push(tensors ?? {});
      return session.request(message, tensors, options);
    },
  });
  assert.equal(run.error, undefined, String(run.error));
  return sent;
}

for (const [label, dataset] of [
  ["the built-in glyphs", "dataset: glyphs"],
  [
    "an authored class split of an imported store",
    "dataset: textures\nsplit:\n  train: [texture0, texture1]\n  test: [texture5, texture6, texture7, texture8]",
  ],
] as const) {
  test(`the previewed episodes of ${label} are the ones the evaluator sends`, async () => {
    const spec = await authored(dataset);
    // One sandbox answers the partition (no replays under isolation: partition), so each episode is sent once.
    const sent = await evaluatedEpisodes(spec);
    assert.equal(sent.length, 2);
    sent.forEach((tensors, index) => {
      const { episode } = previewEpisode({ spec, index, datasetsDir: scratch.datasetsDir });
      assert.deepEqual(
        [...episode.supportImages],
        [...(tensors.supportImages!.data as Float32Array)],
        `episode ${index} support images`,
      );
      assert.deepEqual([...episode.supportLabels], [...(tensors.supportLabels!.data as Int32Array)]);
      assert.deepEqual(
        [...episode.queryImages],
        [...(tensors.queryImages!.data as Float32Array)],
        `episode ${index} query images`,
      );
    });
  });
}

test("the grid has one row per class: its support images, then its queries, scaled up", async () => {
  const spec = await authored(
    "dataset: textures\nsplit:\n  train: [texture0, texture1]\n  test: [texture5, texture6, texture7, texture8]",
  );
  const { episode, imageShape } = previewEpisode({ spec, index: 0, datasetsDir: scratch.datasetsDir });
  const png = PNG.sync.read(renderEpisodeGrid({ episode, imageShape, spec }));
  const scale = 16; // 4×4 images drawn at 64×64
  const columns = spec.shots + Math.min(QUERIES_SHOWN, spec.queries);
  assert.equal(png.width, columns * (4 * scale + 2) + 8 + 2);
  assert.equal(png.height, spec.ways * (4 * scale + 2) + 2);
  // Row of label 1, first support image: its top-left pixel is the sample's first pixel (fake stores write distinct bytes).
  const slot = [...episode.supportLabels].indexOf(1);
  const at = ((2 + 1 * (4 * scale + 2)) * png.width + 2) * 4;
  assert.deepEqual(
    [...png.data.subarray(at, at + 3)],
    [...episode.supportImages.subarray(slot * 48, slot * 48 + 3)].map((v) => Math.round(v * 255)),
  );
});
