import assert from "node:assert/strict";
import { test } from "node:test";
import { tracks } from "./index";

test("every track names exactly one primary leaderboard column, and the few-shot one is accuracy", () => {
  for (const [name, track] of Object.entries(tracks)) {
    assert.equal(track.metrics.filter((m) => m.primary).length, 1, name);
    assert.equal(new Set(track.metrics.map((m) => m.name)).size, track.metrics.length, `${name}: duplicate column`);
  }
  const primary = tracks.fewshot.metrics.find((m) => m.primary)!;
  assert.deepEqual([primary.name, primary.higherIsBetter], ["accuracy", true]);
});
