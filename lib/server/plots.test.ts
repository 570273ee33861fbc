import assert from "node:assert/strict";
import { test } from "node:test";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import {
  coveringDomain,
  intervalPlot,
  learningCurvePlot,
  MIN_RELIABLE_BIN,
  profilePlot,
  reliabilityPlot,
  renderSvg,
  revealPlot,
  taskPlot,
} from "./plots";

// Every chart is rendered as the pages render it, then its scales are read back from the Vega view: each axis must
// cover every value drawn on it (no interval or point cut at the edge), and long entry names must be written whole.
async function scaleDomain(spec: TopLevelSpec, scale: string): Promise<[number, number]> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    await view.runAsync();
    return view.scale(scale).domain() as [number, number];
  } finally {
    view.finalize();
  }
}

function assertCovers(domain: [number, number], values: number[], what: string) {
  const [low, high] = [Math.min(...domain), Math.max(...domain)];
  for (const v of values) assert.ok(v >= low && v <= high, `${what}: ${v} lies outside the axis [${low}, ${high}]`);
}

const LONG_NAME = "finetune-conv4-with-a-rather-long-entry-name";

test("the interval plot's axis covers every interval, the top entry's at 100% included, with names whole", async () => {
  const points = [
    { entry: "protonet-conv4", partition: "public", value: 0.999, low: 0.9975, high: 1 },
    { entry: LONG_NAME, partition: "public", value: 0.984, low: 0.98, high: 0.988 },
    { entry: "random", partition: "public", value: 0.199, low: 0.19, high: 0.208 },
  ];
  const spec = intervalPlot(points, { label: "Accuracy", percent: true });
  const domain = await scaleDomain(spec, "x");
  assertCovers(
    domain,
    points.flatMap((p) => [p.low, p.value, p.high]),
    "interval plot",
  );
  assert.ok(domain[1] > 1, "room beyond the top interval so its end and its point are drawn whole");
  assert.ok((await renderSvg(spec)).includes(LONG_NAME), "the entry's name is not cut short");
});

test("the covering domain pads both ends, a single value included", () => {
  assert.deepEqual(
    coveringDomain([0.2, 1]).map((v) => +v.toFixed(3)),
    [0.176, 1.024],
  );
  const [low, high] = coveringDomain([5]);
  assert.ok(low < 5 && high > 5);
});

test("the reliability diagram sizes bins by their count and draws sparse bins hollow, legend names whole", async () => {
  const points = [
    { entry: LONG_NAME, confidence: 0.12, accuracy: 0, count: 1 },
    { entry: LONG_NAME, confidence: 0.55, accuracy: 0.5, count: 2 },
    { entry: LONG_NAME, confidence: 0.95, accuracy: 0.97, count: 3000 },
  ];
  const spec = reliabilityPlot(points);
  assertCovers(
    await scaleDomain(spec, "x"),
    points.map((p) => p.confidence),
    "reliability x",
  );
  assertCovers(
    await scaleDomain(spec, "y"),
    points.map((p) => p.accuracy),
    "reliability y",
  );
  assertCovers(
    await scaleDomain(spec, "size"),
    points.map((p) => p.count),
    "reliability size",
  );
  const svg = await renderSvg(spec);
  assert.ok(svg.includes(LONG_NAME), "the legend writes the entry's name whole");
  assert.ok(svg.includes("Predictions in bin"), "the bin counts have their legend");
  // Each bin's point says its count in its label; those under the minimum are drawn with a stroke and no fill.
  const binMarks = [...svg.matchAll(/<path aria-label="[^"]*predictions: (\d+);[^"]*"[^>]*>/g)];
  assert.equal(binMarks.length, points.length);
  for (const [mark, count] of binMarks) {
    const filled = / fill="/.test(mark);
    assert.equal(
      filled,
      Number(count) >= MIN_RELIABLE_BIN,
      `a bin of ${count} predictions is ${filled ? "filled" : "hollow"}`,
    );
  }
});

test("the per-task, profile, learning-curve and reveal plots cover their data", async () => {
  const tasks = [
    { entry: "a", task: "Pong", value: 0.4, low: -0.1, high: 1.3 },
    { entry: LONG_NAME, task: "Pong", value: 2.5, low: 2.1, high: 3.2 },
  ];
  assertCovers(
    await scaleDomain(taskPlot(tasks, { label: "HNS" }), "x"),
    tasks.flatMap((p) => [p.low, p.value, p.high]),
    "task plot",
  );

  const profiles = [0, 0.5, 1, 2].map((tau, i) => ({ entry: "a", tau, value: 1 - i / 4, low: 0.9 - i / 4, high: 1 }));
  const profile = profilePlot(profiles);
  assertCovers(
    await scaleDomain(profile, "x"),
    profiles.map((p) => p.tau),
    "profile τ",
  );
  assertCovers(
    await scaleDomain(profile, "y"),
    profiles.flatMap((p) => [p.low, p.high]),
    "profile y",
  );

  const curves = [100, 5000, 10000].map((step, i) => ({ game: "Pong", series: "1", step, value: -21 + 3 * i }));
  assertCovers(
    await scaleDomain(learningCurvePlot(curves, { title: "Run" }), "x"),
    curves.map((p) => p.step),
    "curve steps",
  );

  const reveal = [
    { entrant: "a", submissions: 1, partition: "public", value: 0.4 },
    { entrant: "a", submissions: 7, partition: "private", value: 0.95 },
  ];
  const revealSpec = revealPlot(reveal, { label: "Accuracy", percent: true });
  assertCovers(
    await scaleDomain(revealSpec, "x"),
    reveal.map((p) => p.submissions),
    "reveal x",
  );
  assertCovers(
    await scaleDomain(revealSpec, "y"),
    reveal.map((p) => p.value),
    "reveal y",
  );
});
