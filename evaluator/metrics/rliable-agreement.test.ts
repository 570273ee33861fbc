import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { z } from "zod";
import { createRng } from "@/lib/core/random";
import { aggregateIqm } from "./aggregate-iqm";
import { aggregateMean } from "./aggregate-mean";
import { aggregateMedian } from "./aggregate-median";
import { optimalityGap } from "./optimality-gap";
import { performanceProfile, profileReplicates } from "./performance-profile";
import { probabilityOfImprovement } from "./probability-of-improvement";
import type { ScoreMatrix } from "./score-matrix";
import { stratifiedPairReplicates, stratifiedReplicates, type BootstrapOptions } from "./stratified-bootstrap";

/**
 * Outputs of rliable itself on fixed matrices (scripts/rliable/make-fixtures.py). Point estimates must agree to 1e-9.
 *
 * Intervals come from random draws, so they cannot agree exactly. The fixture holds each endpoint's mean over
 * rliable's `seeds` seeds (each `reps` replications). Here the bootstrap distribution is drawn with TS_SEEDS seeds at
 * the same `reps`, and rliable's endpoint must sit at the right quantile LEVEL of it: the fraction of our replicates
 * below it at most p + Z·δ, the fraction at or below it at least p − Z·δ, for p = 0.025 (low) and 0.975 (high).
 * δ = √(p(1 − p)(1/N_ours + 1/N_rliable)) is the Monte-Carlo standard error of an empirical quantile's level with
 * N = seeds × reps draws on each side. Judging levels rather than values also holds for statistics with few distinct
 * values (profiles, probability of improvement), where an endpoint jumps between neighbouring atoms. A wrong method
 * (resampling across tasks, a 90% interval: level 0.05 instead of 0.025) lands many δ away.
 */
const TS_SEEDS = 6;
const Z = 4.5;
const POINT_TOLERANCE = 1e-9;

const matrix = z.array(z.array(z.number()));
const endpoints = z.object({ mean: z.array(z.number()), sd: z.array(z.number()) });
const spread = z.object({ low: endpoints, high: endpoints });
const fixtureSchema = z.object({
  versions: z.object({ rliable: z.string() }),
  reps: z.number().int(),
  seeds: z.number().int(),
  aggregates: z.array(
    z.object({
      name: z.string(),
      scores: matrix,
      point: z.record(z.string(), z.number()),
      interval: z.record(z.string(), spread),
    }),
  ),
  improvement: z.array(z.object({ x: matrix, y: matrix, point: z.number(), interval: spread })),
  profiles: z.array(
    z.object({ scores: matrix, taus: z.array(z.number()), values: z.array(z.number()), interval: spread }),
  ),
});
const fixture = fixtureSchema.parse(
  JSON.parse(readFileSync(path.join(import.meta.dirname, "rliable-fixtures.json"), "utf8")),
);

const statistics: Record<string, (s: ScoreMatrix) => number> = {
  mean: aggregateMean,
  median: aggregateMedian,
  iqm: aggregateIqm,
  optimalityGap: (s) => optimalityGap(s),
};

function options(seed: number): BootstrapOptions {
  return { reps: fixture.reps, rng: createRng(seed) };
}

const seeds = Array.from({ length: TS_SEEDS }, (_, i) => 1000 + i);

/** Asserts that rliable's interval endpoints sit at the 2.5% and 97.5% levels of our bootstrap distribution(s). */
function assertAgrees(label: string, replicates: number[][], theirs: z.infer<typeof spread>): void {
  replicates.forEach((values, k) => {
    for (const [side, p] of [
      ["low", 0.025],
      ["high", 0.975],
    ] as const) {
      const endpoint = theirs[side].mean[k]!;
      const delta = Math.sqrt(p * (1 - p) * (1 / values.length + 1 / (fixture.seeds * fixture.reps)));
      const below = values.filter((v) => v < endpoint - 1e-12).length / values.length;
      const atOrBelow = values.filter((v) => v <= endpoint + 1e-12).length / values.length;
      assert.ok(
        below <= p + Z * delta && atOrBelow >= p - Z * delta,
        `${label} ${side}[${k}]: rliable's ${endpoint} is at level [${below}, ${atOrBelow}] of ours, expected ${p} ± ${Z * delta}`,
      );
    }
  });
}

test(`mean, median, IQM and optimality gap equal rliable ${fixture.versions.rliable}'s to 1e-9, and their intervals agree`, () => {
  for (const entry of fixture.aggregates) {
    for (const [name, statistic] of Object.entries(statistics)) {
      const expected = entry.point[name]!;
      const got = statistic(entry.scores);
      assert.ok(Math.abs(got - expected) <= POINT_TOLERANCE, `${entry.name} ${name}: ${got} vs rliable ${expected}`);
      const ours = seeds.flatMap((seed) => stratifiedReplicates(entry.scores, statistic, options(seed)));
      assertAgrees(`${entry.name} ${name}`, [ours], entry.interval[name]!);
    }
  }
});

test("probability of improvement equals rliable's to 1e-9, and its interval agrees", () => {
  for (const [i, entry] of fixture.improvement.entries()) {
    const got = probabilityOfImprovement(entry.x, entry.y);
    assert.ok(Math.abs(got - entry.point) <= POINT_TOLERANCE, `pair ${i}: ${got} vs rliable ${entry.point}`);
    const ours = seeds.flatMap((seed) =>
      stratifiedPairReplicates(entry.x, entry.y, probabilityOfImprovement, options(seed)),
    );
    assertAgrees(`pair ${i}`, [ours], entry.interval);
  }
});

test("performance profiles equal rliable's score distributions, with intervals that agree", () => {
  for (const [i, entry] of fixture.profiles.entries()) {
    const profile = performanceProfile(entry.scores, entry.taus, options(1));
    profile.forEach((point, k) =>
      assert.ok(Math.abs(point.value - entry.values[k]!) <= POINT_TOLERANCE, `profile ${i} τ=${point.tau}`),
    );
    const perSeed = seeds.map((seed) => profileReplicates(entry.scores, entry.taus, options(seed)));
    const ours = entry.taus.map((_, k) => perSeed.flatMap((replicates) => replicates[k]!));
    assertAgrees(`profile ${i}`, ours, entry.interval);
  }
});
