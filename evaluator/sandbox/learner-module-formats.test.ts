import assert from "node:assert/strict";
import { test } from "node:test";
import { runOneEpisode, writeBundle } from "@/testing/sandbox/harness";

test("a learner entry may be a .js ES module that imports its own sibling modules", async () => {
  const bundle = await writeBundle(
    { name: "js-learner", track: "fewshot", kind: "learner", entry: "src/main.js" },
    {
      "src/main.js": `import { uniform } from "./uniform.js";\nexport default ({ tf, task }) => ({ adapt() {}, predict: ({ images }) => uniform(tf, images.shape[0], task.ways) });`,
      "src/uniform.js": `export const uniform = (tf, rows, ways) => tf.fill([rows, ways], 1 / ways);`,
    },
  );
  try {
    const run = await runOneEpisode(bundle);
    assert.equal(run.error, undefined, `${String(run.error)}\n${run.session.log()}`);
    assert.deepEqual(
      Array.from(run.frame!.tensors.probabilities!.data.subarray(0, 3)),
      [1 / 3, 1 / 3, 1 / 3].map(Math.fround),
    );
  } finally {
    await bundle.remove();
  }
});
