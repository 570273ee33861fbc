import assert from "node:assert/strict";
import { test } from "node:test";
import { metaworldSpecSchema, observationParts } from "./spec";

const base = {
  track: "metaworld",
  partitions: { public: { seeds: [1, 2] }, private: { seeds: [9] } },
  kinds: ["agent"],
};

test("specs: the reference budgets by default, ML1 needs its task, seeds may not leak between partitions", () => {
  const spec = metaworldSpecSchema.parse({ ...base, benchmark: "ML10" });
  assert.deepEqual(
    [spec.goalsPerTask, spec.adaptationEpisodes, spec.evaluationEpisodes, spec.maxEpisodeSteps],
    [40, 10, 3, 500],
  );
  assert.match(metaworldSpecSchema.safeParse({ ...base, benchmark: "ML1" }).error!.message, /task is required for ML1/);
  assert.match(
    metaworldSpecSchema.safeParse({ ...base, benchmark: "ML10", task: "reach-v3" }).error!.message,
    /not allowed/,
  );
  const leaky = { ...base, benchmark: "ML10", partitions: { public: { seeds: [1] }, private: { seeds: [1] } } };
  assert.match(metaworldSpecSchema.safeParse(leaky).error!.message, /public and private seeds must differ/);
  assert.equal(metaworldSpecSchema.safeParse({ ...base, benchmark: "ML10", maxEpisodeSteps: 501 }).success, false);
  assert.equal(metaworldSpecSchema.safeParse({ ...base, benchmark: "ML10", goalsPerTask: 51 }).success, false);
});

test("specs: goals come from the official objects when asked; a spec without the field keeps the per-task draws it was made with", () => {
  assert.equal(metaworldSpecSchema.parse({ ...base, benchmark: "ML10", goals: "official-v1" }).goals, "official-v1");
  assert.equal(metaworldSpecSchema.parse({ ...base, benchmark: "ML10" }).goals, "official-v1");
  assert.match(
    metaworldSpecSchema.safeParse({ ...base, benchmark: "ML10", goals: "official" }).error!.message,
    /official-v1/,
  );
});

test("specs: MT benchmarks append the one-hot task id by default, ML ones nothing; rl2 is an ML option, one-hot an MT one", () => {
  assert.equal(metaworldSpecSchema.parse({ ...base, benchmark: "MT10" }).observation, "one-hot");
  assert.equal(
    metaworldSpecSchema.parse({ ...base, benchmark: "MT10", observation: "plain" }).observation,
    "plain",
    "a version stored before (migration 0012)",
  );
  assert.equal(metaworldSpecSchema.parse({ ...base, benchmark: "ML10" }).observation, "plain");
  assert.equal(
    metaworldSpecSchema.parse({ ...base, benchmark: "ML1", task: "reach-v3", observation: "rl2" }).observation,
    "rl2",
  );
  assert.match(
    metaworldSpecSchema.safeParse({ ...base, benchmark: "MT10", observation: "rl2" }).error!.message,
    /rl2 is for ML benchmarks/,
  );
  assert.match(
    metaworldSpecSchema.safeParse({ ...base, benchmark: "ML45", observation: "one-hot" }).error!.message,
    /one-hot is for MT benchmarks/,
  );
  assert.match(
    metaworldSpecSchema.safeParse({ ...base, benchmark: "ML45", observation: "rl-2" }).error!.message,
    /plain|rl2/,
  );
  const sizes = (spec: Parameters<typeof observationParts>[0]) => observationParts(spec).map((p) => p.size);
  assert.deepEqual(sizes(metaworldSpecSchema.parse({ ...base, benchmark: "MT10" })), [39, 10]);
  assert.deepEqual(sizes(metaworldSpecSchema.parse({ ...base, benchmark: "ML10", observation: "rl2" })), [39, 4, 1, 1]);
  assert.deepEqual(sizes(metaworldSpecSchema.parse({ ...base, benchmark: "ML10" })), [39]);
});
