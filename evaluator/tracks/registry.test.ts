import assert from "node:assert/strict";
import { test } from "node:test";
import { tracks } from "./runners";

test("every track names exactly one primary leaderboard column: accuracy for few-shot, IQM for Atari, success rate for Meta-World", () => {
  for (const [name, track] of Object.entries(tracks)) {
    assert.equal(track.metrics.filter((m) => m.primary).length, 1, name);
    assert.equal(new Set(track.metrics.map((m) => m.name)).size, track.metrics.length, `${name}: duplicate column`);
  }
  const primary = tracks.fewshot.metrics.find((m) => m.primary)!;
  assert.deepEqual([primary.name, primary.higherIsBetter], ["accuracy", true]);
  const atari = tracks.atari.metrics.find((m) => m.primary)!;
  assert.deepEqual([atari.name, atari.higherIsBetter], ["iqm", true]);
  const metaworld = tracks.metaworld.metrics.find((m) => m.primary)!;
  assert.deepEqual([metaworld.name, metaworld.higherIsBetter, metaworld.format], ["success", true, "percent"]);
});
