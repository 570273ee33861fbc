import assert from "node:assert/strict";
import { after, test } from "node:test";
import { UserCodeError } from "@/lib/core/errors";
import { learnerBundle, type TestBundle } from "@/testing/sandbox/harness";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";

/**
 * A learner that answers episode 0 correctly (uniform) and from episode 1 on returns `bad(q, ways)`
 * (a number[][]), so the failure names the episode it happened in.
 */
function badLearner(bad: string): string {
  return `export default ({ task }) => {
    let episode = -1;
    const uniform = (q, ways) => Array.from({ length: q }, () => Array(ways).fill(1 / ways));
    const bad = ${bad};
    return {
      adapt() { episode++; },
      predict: ({ images }) => (episode === 0 ? uniform : bad)(images.shape[0], task.ways),
    };
  };`;
}

const cases: [string, string, string][] = [
  [
    "a wrong number of classes",
    "(q, ways) => Array.from({ length: q }, () => Array(ways - 1).fill(1 / (ways - 1)))",
    "episode 1: probabilities have shape [75,4], expected [75,5]",
  ],
  [
    "too few rows",
    "(q, ways) => Array.from({ length: q - 1 }, () => Array(ways).fill(1 / ways))",
    "episode 1: probabilities have shape [74,5], expected [75,5]",
  ],
  [
    "NaN",
    "(q, ways) => Array.from({ length: q }, (_, i) => Array(ways).fill(i === 3 ? NaN : 1 / ways))",
    "episode 1: probability at row 3, column 0 is NaN",
  ],
  [
    "a negative value",
    "(q, ways) => Array.from({ length: q }, (_, i) => i === 2 ? [0.6, 0.6, -0.2, 0, 0] : Array(ways).fill(1 / ways))",
    "episode 1: probability at row 2, column 2 is -0.2, which is negative",
  ],
  [
    "rows not summing to one",
    "(q, ways) => Array.from({ length: q }, (_, i) => Array(ways).fill(i === 12 ? 0.142 : 1 / ways))",
    "episode 1: row 12 sums to 0.71, expected 1",
  ],
];

const bundles: TestBundle[] = [];
after(() => Promise.all(bundles.map((b) => b.remove())));

for (const [what, bad, message] of cases) {
  test(`predictions with ${what} fail the unit with "${message}"`, async () => {
    const bundle = await learnerBundle(badLearner(bad));
    bundles.push(bundle);
    const run = await runUnitInSandbox(bundle, smallSpec(3));
    assert.ok(run.error instanceof UserCodeError, `${String(run.error)}\n${run.log}`);
    assert.equal(run.error.reason, "output");
    assert.equal(run.error.message, message);
    assert.deepEqual(run.progress, [{ done: 1, total: 3 }]);
  });
}
