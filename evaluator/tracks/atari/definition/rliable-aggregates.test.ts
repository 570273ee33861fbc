import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { z } from "zod";
import { ATARI_GAME_NAMES } from "./games";
import { aggregateRuns, AGGREGATE_REPS, type RunScore } from "./scoring";

/**
 * The Atari aggregates against rliable itself (evaluator/metrics/rliable-fixtures.json, made by
 * scripts/rliable/make-fixtures.py): point estimates to 1e-9; interval endpoints within Monte-Carlo error of the mean
 * of rliable's endpoints over its seeds. The fixture's `sd` is the spread of one rliable endpoint at its `reps`; ours
 * at AGGREGATE_REPS spreads by about sd·√(reps / AGGREGATE_REPS), and the fixture's mean by sd / √seeds.
 */
const Z = 4.5;
const endpoint = z.object({ mean: z.array(z.number()), sd: z.array(z.number()) });
const fixture = z
  .object({
    reps: z.number(),
    seeds: z.number(),
    aggregates: z.array(
      z.object({
        name: z.string(),
        scores: z.array(z.array(z.number())),
        point: z.record(z.string(), z.number()),
        interval: z.record(z.string(), z.object({ low: endpoint, high: endpoint })),
      }),
    ),
  })
  .parse(JSON.parse(readFileSync(path.join(import.meta.dirname, "../../../metrics/rliable-fixtures.json"), "utf8")));

/** A runs × games matrix of HNS as the runs the track scores: column g is the g-th game, row r seed r + 1. */
const asRuns = (scores: number[][]): RunScore[] =>
  scores.flatMap((row, r) => row.map((hns, g) => ({ game: ATARI_GAME_NAMES[g]!, seed: r + 1, meanReturn: hns, hns })));

test("IQM, median, mean and optimality gap with their intervals agree with rliable's", () => {
  // The two Atari-shaped matrices (26 games) and one with few runs and tasks.
  for (const entry of fixture.aggregates.filter((e) => ["atari_x", "atari_y", "odd"].includes(e.name))) {
    const rows = aggregateRuns(asRuns(entry.scores));
    for (const [metric, expected] of Object.entries(entry.point)) {
      const row = rows.find((r) => r.metric === metric)!;
      assert.ok(Math.abs(row.value - expected) <= 1e-9, `${entry.name} ${metric}: ${row.value} vs rliable ${expected}`);
      for (const side of ["low", "high"] as const) {
        const theirs = entry.interval[metric]![side];
        const sd = theirs.sd[0]!;
        const tolerance = Z * Math.sqrt((sd * sd * fixture.reps) / AGGREGATE_REPS + (sd * sd) / fixture.seeds);
        const ours = side === "low" ? row.ciLow! : row.ciHigh!;
        assert.ok(
          Math.abs(ours - theirs.mean[0]!) <= tolerance,
          `${entry.name} ${metric} ${side}: ${ours} vs rliable ${theirs.mean[0]} ± ${tolerance}`,
        );
      }
    }
    assert.equal(rows.find((r) => r.metric === "games")!.value, entry.scores[0]!.length);
  }
});
