import assert from "node:assert/strict";
import { test } from "node:test";
import { atariSpecSchema } from "./spec";
import { parseUnitKey, planAtariUnits } from "./units";

const base = {
  track: "atari",
  games: ["Pong", "Breakout"],
  partitions: { public: { seeds: [0, 1] }, private: { seeds: [7] } },
  kinds: ["agent"],
};

test("defaults: 100,000 learning steps and 100 evaluation episodes", () => {
  const spec = atariSpecSchema.parse(base);
  assert.equal(spec.learningSteps, 100_000);
  assert.equal(spec.evalEpisodes, 100);
  assert.equal(spec.protocol, "atari-100k/v1");
});

test("bad specs are refused with the field at fault", () => {
  const issue = (input: unknown) => {
    const parsed = atariSpecSchema.safeParse(input);
    assert.equal(parsed.success, false);
    return parsed.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  };
  assert.match(issue({ ...base, games: ["Tetris"] }), /games\.0/);
  assert.match(issue({ ...base, games: ["Pong", "Pong"] }), /games must not repeat/);
  assert.match(
    issue({ ...base, partitions: { public: { seeds: [1] }, private: { seeds: [1] } } }),
    /partitions\.private\.seeds: public and private seeds must differ/,
  );
  assert.match(issue({ ...base, learningSteps: 100_001 }), /learningSteps/);
  assert.match(
    issue({ ...base, partitions: { public: { seeds: [] }, private: { seeds: [] } } }),
    /partitions\.public\.seeds/,
  );
});

test("one unit per (game, seed) of each partition", () => {
  const units = planAtariUnits(atariSpecSchema.parse(base));
  assert.deepEqual(
    units.map((u) => `${u.partition}:${u.key}`),
    [
      "public:Pong/0",
      "public:Breakout/0",
      "public:Pong/1",
      "public:Breakout/1",
      "private:Pong/7",
      "private:Breakout/7",
    ],
  );
  assert.deepEqual(parseUnitKey("Breakout/7"), { game: "Breakout", run: { seed: 7 } });
  assert.deepEqual(parseUnitKey("Breakout/private-3"), { game: "Breakout", run: { privateRun: 3 } });
  assert.throws(() => parseUnitKey("Breakout/private-x"), /not an Atari unit key/);
  assert.throws(() => parseUnitKey("Tetris/1"), /not an Atari unit key/);
});
