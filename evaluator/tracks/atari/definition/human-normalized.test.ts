import assert from "node:assert/strict";
import { test } from "node:test";
import { ATARI_GAMES } from "./games";
import { humanNormalizedScores } from "./human-normalized";

test("human-normalized scores map a game's random score to 0 and its human score to 1", () => {
  assert.equal(Object.keys(ATARI_GAMES).length, 26);
  const hns = humanNormalizedScores(
    [
      [227.8, -20.7, 0],
      [7127.7, 14.6, 29.6],
    ],
    ["Alien", "Pong", "Freeway"],
  );
  assert.deepEqual(hns[0], [0, 0, 0]);
  assert.deepEqual(hns[1], [1, 1, 1]);
  // Pong at 0: 20.7 / 35.3.
  assert.ok(Math.abs(humanNormalizedScores([[0]], ["Pong"])[0]![0]! - 20.7 / 35.3) < 1e-12);
});

test("human normalization refuses unknown games and a column count that does not match", () => {
  assert.throws(() => humanNormalizedScores([[1]], ["Tetris"]), /"Tetris" is not one of the 26 Atari 100K games/);
  assert.throws(() => humanNormalizedScores([[1, 2]], ["Pong"]), /1 game names for 2 columns/);
});
