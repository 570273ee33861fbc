import assert from "node:assert/strict";
import { test } from "node:test";
import { AppError } from "@/lib/core/errors";
import { formatIssues, parseYaml } from "@/lib/yaml";
import { fewshotDocumentSchema } from "./document";
import { validateAuthoring } from "./validate";

// No store is imported here: few-shot documents use the built-in glyphs.
const datasetsDir = "/nonexistent/heldout-datasets";

const fewshot = `slug: glyphs-authored
title: Authored glyphs
track: fewshot
dataset: glyphs
ways: 5
shots: 1
queries: 5
partitions:
  public: { episodes: 10, seed: 1 }
  private: { episodes: 20 }
kinds: [embedding, learner]
`;

const atari = `slug: atari-three
title: Three games
track: atari
games: [Pong, Breakout, Qbert]
partitions:
  public:
    seeds: [1, 2]
  private:
    runs: 1
learningSteps: 1000
evalEpisodes: 5
kinds: [agent]
`;

const metaworld = `slug: mw-ml10
title: ML10
track: metaworld
benchmark: ML10
partitions:
  public: { seeds: [1] }
  private: { runs: 1 }
goalsPerTask: 10
kinds: [agent, policy]
`;

function issues(text: string) {
  const result = validateAuthoring({ text, datasetsDir });
  assert.equal(result.ok, false, "the document must be refused");
  return result.ok ? [] : result.issues.map((i) => `${i.line}: ${i.field}: ${i.message}`);
}

test("valid documents of every track become their track's spec", () => {
  for (const [text, track] of [
    [fewshot, "fewshot"],
    [atari, "atari"],
    [metaworld, "metaworld"],
  ] as const) {
    const result = validateAuthoring({ text, datasetsDir });
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.equal(result.benchmark.definition.spec.track, track);
    assert.equal(result.benchmark.source, text);
  }
  const glyphs = validateAuthoring({ text: fewshot, datasetsDir });
  assert.ok(glyphs.ok && glyphs.benchmark.definition.synthetic);
  assert.deepEqual(
    glyphs.ok && glyphs.benchmark.definition.spec.track === "fewshot" && glyphs.benchmark.definition.spec.dataset,
    { source: "glyphs", version: 1 },
  );
});

test("few-shot: a bad value, a cross-field rule and an over-large protocol each point at their line and field", () => {
  assert.deepEqual(issues(fewshot.replace("ways: 5", "ways: five")), [
    "5: ways: Invalid input: expected number, received string",
  ]);
  assert.deepEqual(issues(fewshot.replace("private: { episodes: 20 }", "private: { episodes: 20, seed: 2 }")), [
    "10: partitions.private.seed: private seeds are drawn by the server when the version is published and kept secret until the reveal: give only episodes",
  ]);
  assert.deepEqual(issues(fewshot.replace("shots: 1", "shots: 30")), [
    "6: shots: 30 shots + 5 queries need 35 images per class; the smallest class has 20",
  ]);
  assert.deepEqual(issues(fewshot.replace("kinds: [embedding, learner]", "kinds: [embedding, oracle]")), [
    '11: kinds.1: Invalid option: expected one of "embedding"|"finetune"|"learner"',
  ]);
  assert.deepEqual(issues(fewshot.replace("dataset: glyphs", "dataset: mnist")), [
    '4: dataset: no data store "mnist" has been imported (imported: none; built in: glyphs); import it with `heldout import`',
  ]);
  assert.deepEqual(issues(fewshot.replace("queries: 5\n", "")), [
    "1: queries: Invalid input: expected number, received undefined",
  ]);
});

test("atari: an unknown game points at its list item, private seeds named by the author at the private seeds", () => {
  assert.match(issues(atari.replace("Qbert", "Tetris"))[0]!, /^4: games\.2: Invalid option/);
  assert.deepEqual(issues(atari.replace("runs: 1", "seeds: [3]")), [
    "9: partitions.private.seeds: private seeds are drawn by the server when the version is published and kept secret until the reveal: give the number of runs instead (runs: N)",
  ]);
  assert.deepEqual(issues(atari.replace("evalEpisodes: 5", "evalEpisodes: 0")), [
    "11: evalEpisodes: Too small: expected number to be >=1",
  ]);
  assert.deepEqual(issues(`${atari}budget: 3\n`), ['1: (top level): Unrecognized key: "budget"']);
});

test("meta-world: ML1 without its task and a task with ML10 point at the task; an unknown benchmark at its line", () => {
  assert.deepEqual(issues(metaworld.replace("benchmark: ML10", "benchmark: ML1")), [
    "4: task: task is required for ML1 and not allowed for the other benchmarks",
  ]);
  assert.deepEqual(issues(metaworld.replace("benchmark: ML10", "benchmark: ML10\ntask: reach-v3")), [
    "5: task: task is required for ML1 and not allowed for the other benchmarks",
  ]);
  assert.match(
    issues(metaworld.replace("benchmark: ML10", "benchmark: ML20"))[0]!,
    /^4: benchmark: Invalid option: expected one of "ML1"\|"ML10"\|"ML45"\|"MT10"$/,
  );
  assert.deepEqual(issues(metaworld.replace("goalsPerTask: 10", "goalsPerTask: 51")), [
    "8: goalsPerTask: Too big: expected number to be <=50",
  ]);
});

test("the header, the track and the YAML itself are checked the same way", () => {
  assert.deepEqual(issues(fewshot.replace("slug: glyphs-authored", "slug: Glyphs Authored")), [
    "1: slug: lowercase letters, digits and '-', 2 to 64 characters",
  ]);
  assert.deepEqual(issues(fewshot.replace("track: fewshot", "track: chess")), [
    "3: track: Invalid discriminator value. Expected 'fewshot' | 'atari' | 'metaworld'",
  ]);
  assert.deepEqual(issues(fewshot.replace("ways: 5", "ways: [5")), issues(fewshot.replace("ways: 5", "ways: [5")));
  assert.match(issues(fewshot.replace("ways: 5", "ways: [5"))[0]!, /^\d+: : not valid YAML: /);
  assert.deepEqual(issues("- just\n- a list\n"), [
    "1: : a benchmark spec is a mapping of fields: slug, title, track, ...",
  ]);
});

test("the CLI's parseYaml reports the same way, as file:line: field: message", () => {
  assert.throws(
    () => parseYaml("benchmark.yaml", fewshot.replace("ways: 5", "ways: 500"), fewshotDocumentSchema),
    (error: unknown) =>
      error instanceof AppError &&
      error.code === "spec_invalid" &&
      error.message === "benchmark.yaml:5: ways: Too big: expected number to be <=100",
  );
  assert.equal(
    formatIssues("b.yaml", [
      { line: 3, field: "a.b", message: "m" },
      { line: 4, field: "c", message: "n" },
    ]),
    "b.yaml:3: a.b: m\nb.yaml:4: c: n",
  );
});
