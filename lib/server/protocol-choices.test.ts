import assert from "node:assert/strict";
import { test } from "node:test";
import { atari100k } from "@/benchmarks/builtin/atari";
import { glyphs5way1shot } from "@/benchmarks/builtin/glyphs";
import { ATARI_100K } from "@/evaluator/tracks/atari/settings";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { fewshotSpecSchema, metaworldSpecSchema } from "@/lib/benchmark-spec";
import { protocolChoices } from "./protocol-choices";

const value = (choices: { label: string; value: string }[], label: string) =>
  choices.find((c) => c.label === label)?.value ?? "";

test("Atari: the budget in frames, sticky actions off, what the agent sees and when, as the protocol's settings say", () => {
  const choices = protocolChoices(atari100k.spec);
  assert.match(value(choices, "Budget"), /100,000 agent steps = 400,000 frames \(frame skip 4\)/);
  assert.equal(ATARI_100K.preprocessing.frame_skip, 4);
  assert.match(value(choices, "Environment"), /sticky actions off \(repeat_action_probability 0\)/);
  assert.equal(ATARI_100K.env.repeat_action_probability, 0);
  assert.match(value(choices, "Environment"), new RegExp(`1–${ATARI_100K.preprocessing.noop_max} no-ops`));
  assert.match(
    value(choices, "Environment"),
    new RegExp(ATARI_100K.env.max_num_frames_per_episode.toLocaleString("en-US")),
  );
  assert.match(value(choices, "The agent sees"), /rewards and a life-loss flag while learning only/);
  assert.match(value(choices, "Isolation"), /sandbox of its own/);
  assert.match(value(choices, "Seeds"), /drawn by this installation/);
});

test("Meta-World: the isolation level of the version, what the agent sees, secret or legacy seeds", () => {
  const ml10 = METAWORLD_BENCHMARKS.find((b) => b.slug === "metaworld-ml10")!.spec;
  assert.match(value(protocolChoices(ml10), "Isolation"), /^isolation: task/);
  assert.match(value(protocolChoices(ml10), "The agent sees"), /goal's 3 numbers are zeros/);
  const legacy = metaworldSpecSchema.parse({
    ...ml10,
    isolation: "partition",
    partitions: { public: { seeds: [1] }, private: { seeds: [101] } },
  });
  assert.match(value(protocolChoices(legacy), "Isolation"), /^isolation: partition/);
  assert.match(value(protocolChoices(legacy), "Seeds"), /both partitions' seeds are in the spec/);
});

test("Meta-World: exactly what the observation holds, by the version's observation layout", () => {
  const ml10 = METAWORLD_BENCHMARKS.find((b) => b.slug === "metaworld-ml10")!.spec;
  assert.match(
    value(protocolChoices(ml10), "The agent sees"),
    /^float32, 39 numbers \(the environment's observation\); the goal's 3 numbers are zeros; .*rewards and success flags in adaptation episodes only/,
  );
  const mt10 = METAWORLD_BENCHMARKS.find((b) => b.slug === "metaworld-mt10")!.spec;
  assert.match(
    value(protocolChoices(mt10), "The agent sees"),
    /^float32, 49 numbers: 39 \(the environment's observation\) \+ 10 \(the task's one-hot id among the benchmark's 10 tasks\); the goal's 3 numbers are visible; .*OneHotWrapper/,
  );
  const legacyMt10 = metaworldSpecSchema.parse({ ...mt10, observation: "plain" });
  assert.match(value(protocolChoices(legacyMt10), "The agent sees"), /^float32, 39 numbers .*never which task or goal/);
  const rl2 = metaworldSpecSchema.parse({ ...ml10, observation: "rl2" });
  assert.match(
    value(protocolChoices(rl2), "The agent sees"),
    /^float32, 45 numbers: 39 \(the environment's observation\) \+ 4 \(the previous action\) \+ 1 \(its reward \/ 10\) \+ 1 \(its done flag\); .*RNNBasedMetaRLWrapper.*evaluation episodes included/,
  );
});

test("few-shot: what the code sees, the isolation level of the version, and that no-code kinds are independent by construction", () => {
  const choices = protocolChoices(glyphs5way1shot.spec);
  assert.match(
    value(choices, "The code sees"),
    /5 support images with their labels and the 75 query images; never the query labels/,
  );
  assert.match(
    value(choices, "Isolation"),
    /^isolation: task — .* then 8 episodes drawn secretly after the run are answered again, each by a fresh sandbox .* \(1 − f\)\^8; /,
  );
  assert.match(value(choices, "Isolation"), /no-code kinds are independent by construction/);
  const legacy = fewshotSpecSchema.parse({ ...glyphs5way1shot.spec, isolation: "partition" });
  assert.match(
    value(protocolChoices(legacy), "Isolation"),
    /^isolation: partition — one sandbox answers every episode .*; the no-code kinds are independent by construction/,
  );
});
