import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Frame, WireTensors } from "@/evaluator/protocol/framing";
import { learnerBundle, type TestBundle } from "@/testing/sandbox/harness";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";

const bundles: TestBundle[] = [];
after(() => Promise.all(bundles.map((b) => b.remove())));

test("the driver sends support sets and query images, never query labels", async () => {
  // The learner reports every field it was given; the driver's requests are recorded on their way to the sandbox.
  const bundle = await learnerBundle(`export default ({ tf, task }) => ({
    adapt(support) { console.log("support-fields", Object.keys(support).sort().join(",")); },
    predict(query) {
      console.log("query-fields", Object.keys(query).sort().join(","));
      return tf.fill([query.images.shape[0], task.ways], 1 / task.ways);
    },
  });`);
  bundles.push(bundle);
  const sent: { header: Frame["header"]; tensors: WireTensors }[] = [];
  const run = await runUnitInSandbox(bundle, smallSpec(2), {
    wrap: (session) => (message, tensors, options) => {
      sent.push({ header: message, tensors: tensors ?? {} });
      return session.request(message, tensors, options);
    },
  });
  assert.equal(run.error, undefined, String(run.error));
  // The run's init and episodes, then (isolation: task) one fresh sandbox's init and episode per replayed episode.
  assert.deepEqual(
    sent.slice(0, 3).map((s) => s.header.type),
    ["init", "episode", "episode"],
  );
  assert.deepEqual(
    sent
      .slice(3)
      .map((s) => s.header.type)
      .sort(),
    ["episode", "episode", "init", "init"],
  );
  for (const { header } of sent.filter((s) => s.header.type === "init")) {
    const fields = Object.keys(header.task as object).sort();
    assert.deepEqual(fields, ["imageShape", "queries", "seed", "shots", "track", "ways"]);
  }
  for (const { header, tensors } of sent.filter((s) => s.header.type === "episode")) {
    assert.deepEqual(Object.keys(header).sort(), ["index", "seed", "type", "ways"]);
    assert.deepEqual(Object.keys(tensors).sort(), ["queryImages", "supportImages", "supportLabels"]);
    assert.deepEqual(tensors.queryImages.shape, [75, 28, 28, 1]);
    assert.deepEqual(tensors.supportImages.shape, [5, 28, 28, 1]);
    assert.deepEqual([...tensors.supportLabels.data], [0, 1, 2, 3, 4]);
  }
  assert.match(run.log, /query-fields images\n/);
});
