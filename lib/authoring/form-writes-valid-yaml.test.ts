import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_FORM, formToYaml } from "./form-yaml";
import { validateAuthoring } from "./validate";

const datasetsDir = "/nonexistent/heldout-datasets";

test("the form's YAML for each track's common case validates into that track's spec", () => {
  const base = { ...DEFAULT_FORM, slug: "from-form", title: "From the form" };
  for (const form of [
    { ...base, track: "fewshot" as const },
    { ...base, track: "atari" as const, games: ["Pong", "Breakout"] },
    { ...base, track: "metaworld" as const, benchmark: "ML1" as const, task: "reach-v3" },
    { ...base, track: "metaworld" as const, benchmark: "ML45" as const },
    { ...base, track: "metaworld" as const, benchmark: "ML10" as const, observation: "rl2" as const },
  ]) {
    const result = validateAuthoring({ text: formToYaml(form), datasetsDir });
    assert.ok(result.ok, `${form.track}: ${JSON.stringify(!result.ok && result.issues)}`);
    assert.equal(result.benchmark.definition.spec.track, form.track);
  }
  const rl2 = validateAuthoring({
    text: formToYaml({ ...base, track: "metaworld", benchmark: "ML10", observation: "rl2" }),
    datasetsDir,
  });
  assert.ok(
    rl2.ok &&
      rl2.benchmark.definition.spec.track === "metaworld" &&
      rl2.benchmark.definition.spec.observation === "rl2",
  );
  const mt10 = validateAuthoring({
    text: formToYaml({ ...base, track: "metaworld", benchmark: "MT10", observation: "rl2" }),
    datasetsDir,
  });
  assert.ok(
    mt10.ok &&
      mt10.benchmark.definition.spec.track === "metaworld" &&
      mt10.benchmark.definition.spec.observation === "one-hot",
    "MT10 keeps its one-hot id",
  );
});

test("the form writes what was typed, so a bad entry is reported by the validator at its line", () => {
  const text = formToYaml({ ...DEFAULT_FORM, track: "atari", slug: "x1", title: "t", publicSeeds: "1, two" });
  const result = validateAuthoring({ text, datasetsDir });
  assert.ok(!result.ok);
  const line = text.split("\n").findIndex((l) => l.includes("- two")) + 1;
  assert.deepEqual(result.issues, [
    { line, field: "partitions.public.seeds.1", message: "Invalid input: expected number, received string" },
  ]);
});
