/**
 * Cost of the compare view's statistics and plots, without the database: for N entries of E episodes each, every
 * pair's paired probability of improvement (2,000 bootstrap resamples) plus the interval and reliability plots
 * rendered to SVG by Vega.
 *
 *   npx tsx bench/compare-render.ts [--entries 8] [--episodes 600] [--repeats 5]
 *
 * Reference measured in the same run: the same work for 2 entries (one pair), so the ratio shows how the page's cost
 * grows with the number of entries compared.
 */
import { parseArgs } from "node:util";
import { createRng } from "@/lib/core/random";
import { pairedImprovement } from "@/lib/server/improvement";
import { intervalPlot, reliabilityPlot, renderSvg } from "@/lib/server/plots";

const { values } = parseArgs({
  options: {
    entries: { type: "string", default: "8" },
    episodes: { type: "string", default: "600" },
    repeats: { type: "string", default: "5" },
  },
});
const entries = Number(values.entries),
  episodes = Number(values.episodes),
  repeats = Number(values.repeats);

function fixture(n: number) {
  const rng = createRng(7);
  return Array.from({ length: n }, (_, e) => ({
    name: `entry ${e}`,
    accuracies: Array.from({ length: episodes }, () => Math.min(1, Math.max(0, 0.5 + e * 0.02 + 0.1 * rng.normal()))),
  }));
}

async function compare(set: ReturnType<typeof fixture>): Promise<number> {
  let checksum = 0;
  for (let i = 0; i < set.length; i++)
    for (let j = i + 1; j < set.length; j++)
      checksum += pairedImprovement(set[i]!.accuracies, set[j]!.accuracies).estimate;
  const points = set.map((e) => {
    const mean = e.accuracies.reduce((s, v) => s + v, 0) / episodes;
    return { entry: e.name, partition: "public", value: mean, low: mean - 0.01, high: mean + 0.01 };
  });
  const bins = set.flatMap((e) =>
    Array.from({ length: 15 }, (_, b) => ({
      entry: e.name,
      confidence: (b + 0.5) / 15,
      accuracy: Math.min(1, (b + 0.5) / 15 + 0.05),
      count: 10,
    })),
  );
  const svgs = await Promise.all([
    renderSvg(intervalPlot(points, { label: "Accuracy", percent: true })),
    renderSvg(reliabilityPlot(bins)),
  ]);
  return checksum + svgs.reduce((s, svg) => s + svg.length, 0);
}

async function time(set: ReturnType<typeof fixture>): Promise<number> {
  await compare(set); // warm-up: module initialisation and JIT
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await compare(set);
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
}

const reference = await time(fixture(2));
const measured = await time(fixture(entries));
const pairs = (entries * (entries - 1)) / 2;
console.log(`compare view, ${episodes} episodes per entry, median of ${repeats}:`);
console.log(`  reference: 2 entries (1 pair)   ${reference.toFixed(1)} ms`);
console.log(
  `  measured:  ${entries} entries (${pairs} pairs) ${measured.toFixed(1)} ms  (${(measured / reference).toFixed(2)}x the reference)`,
);
