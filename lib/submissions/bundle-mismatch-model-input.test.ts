import assert from "node:assert/strict";
import { test } from "node:test";
import { atari100k } from "@/benchmarks/builtin/atari";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import { metaworldSpecSchema } from "@/lib/benchmark-spec";
import { bundleMismatch } from "./queue-evaluation";

const policy = manifestSchema.parse({ name: "p", track: "metaworld", kind: "policy", model: "model/model.json" });
const spec = (slug: string) => METAWORLD_BENCHMARKS.find((b) => b.slug === slug)!.spec;

test("a Meta-World policy's declared input must be the benchmark's whole observation: 39, 39 + 10 for MT10's one-hot id, 39 + 4 + 2 for rl2", () => {
  const mt10 = bundleMismatch({
    slug: "metaworld-mt10",
    spec: spec("metaworld-mt10"),
    manifest: policy,
    modelInputShape: [39],
  });
  assert.equal(mt10?.code, "model_input_mismatch");
  assert.equal(
    mt10?.message,
    "'metaworld-mt10': its policy model must take [1, 49] inputs: the observations are 49 numbers: 39 (the environment's observation) + 10 (the task's one-hot id among the benchmark's 10 tasks); this model takes [1, 39].",
  );
  assert.equal(
    bundleMismatch({ slug: "metaworld-mt10", spec: spec("metaworld-mt10"), manifest: policy, modelInputShape: [49] }),
    undefined,
  );

  const rl2 = metaworldSpecSchema.parse({ ...spec("metaworld-ml10"), observation: "rl2" });
  assert.match(
    bundleMismatch({ slug: "ml10-rl2", spec: rl2, manifest: policy, modelInputShape: [39] })!.message,
    /must take \[1, 45\] inputs: the observations are 45 numbers: 39 \(the environment's observation\) \+ 4 \(the previous action\) \+ 1 \(its reward \/ 10\) \+ 1 \(its done flag\); this model takes \[1, 39\]/,
  );
  assert.equal(bundleMismatch({ slug: "ml10-rl2", spec: rl2, manifest: policy, modelInputShape: [45] }), undefined);

  const ml10 = spec("metaworld-ml10");
  assert.equal(
    bundleMismatch({ slug: "metaworld-ml10", spec: ml10, manifest: policy, modelInputShape: [39] }),
    undefined,
  );
  assert.match(
    bundleMismatch({ slug: "metaworld-ml10", spec: ml10, manifest: policy, modelInputShape: [13, 3] })!.message,
    /must take \[1, 39\] inputs: the observations are 39 numbers \(the environment's observation\); this model takes \[1, 13, 3\]/,
  );
  assert.equal(
    bundleMismatch({ slug: "metaworld-ml10", spec: ml10, manifest: policy }),
    undefined,
    "a model that declares no shape is checked when it plays",
  );
});

test("tracks without an input check take any declared shape", () => {
  const atariPolicy = manifestSchema.parse({ name: "p", track: "atari", kind: "policy", model: "model/model.json" });
  assert.equal(
    bundleMismatch({ slug: "atari-100k", spec: atari100k.spec, manifest: atariPolicy, modelInputShape: [3] }),
    undefined,
  );
});
