import assert from "node:assert/strict";
import { test } from "node:test";
import { metaworldSpecSchema } from "./spec";
import { ML10_TEST_TASKS } from "./tasks";
import { parseUnitKey, planMetaWorldUnits } from "./units";

const base = {
  track: "metaworld",
  partitions: { public: { seeds: [1, 2] }, private: { seeds: [9] } },
  kinds: ["agent"],
};

test("units: one per (test task, seed) and partition", () => {
  const units = planMetaWorldUnits(metaworldSpecSchema.parse({ ...base, benchmark: "ML10" }));
  assert.equal(units.length, 5 * 3);
  assert.deepEqual(
    units.slice(0, 5).map((u) => u.key),
    ML10_TEST_TASKS.map((t) => `${t}/1`),
  );
  assert.deepEqual(units.at(-1), { key: "lever-pull-v3/9", partition: "private" });
  assert.deepEqual(parseUnitKey("door-close-v3/12"), { task: "door-close-v3", run: { seed: 12 } });
  assert.deepEqual(parseUnitKey("door-close-v3/private-2"), { task: "door-close-v3", run: { privateRun: 2 } });
  assert.throws(() => parseUnitKey("door-close-v3/private-0"), /not a Meta-World unit key/);
  assert.throws(() => parseUnitKey("Pong/1"), /not a Meta-World unit key/);
  assert.equal(planMetaWorldUnits(metaworldSpecSchema.parse({ ...base, benchmark: "ML1", task: "push-v3" })).length, 3);
});

test("units: a secret-seeded private partition is keyed by run place, never by seed", () => {
  const units = planMetaWorldUnits(
    metaworldSpecSchema.parse({
      ...base,
      partitions: { public: { seeds: [1] }, private: { runs: 2 } },
      benchmark: "ML1",
      task: "push-v3",
    }),
  );
  assert.deepEqual(
    units.map((u) => `${u.partition}:${u.key}`),
    ["public:push-v3/1", "private:push-v3/private-1", "private:push-v3/private-2"],
  );
});
