import type { Comparison } from "@/lib/server/compare";
import { MIN_RELIABLE_BIN } from "@/lib/server/plots";
import { Plot } from "../../../_components/plot";

/** The comparison's charts that the track has: intervals, profiles, reliability, per task, learning curves. */
export function ComparePlots({ comparison, metricLabel }: { comparison: Comparison; metricLabel: string }) {
  const { benchmark, plots } = comparison;
  return (
    <>
      <div className="grid gap-4 lg:grid-cols-2">
        <Plot svg={plots.intervals} title={`${metricLabel} with 95% intervals`} testId="plot-intervals">
          {benchmark.track === "fewshot"
            ? "Mean over episodes ± 1.96·s/√n."
            : "Percentile intervals from a stratified bootstrap: runs resampled within each task."}
        </Plot>
        <Plot svg={plots.profiles} title="Performance profiles" testId="plot-profiles">
          The fraction of all runs × games whose human-normalized score exceeds τ, with 95% bands from 2,000 stratified
          bootstrap resamples (rliable&apos;s score distributions). A curve above another is better at every threshold.
        </Plot>
        <Plot svg={plots.reliability} title="Reliability diagram" testId="plot-reliability">
          Accuracy against mean confidence in each of 15 equal-width confidence bins, pooled over all queries of all
          episodes; points under the diagonal are over-confident. A point&apos;s area shows how many predictions its bin
          holds; hollow points hold fewer than {MIN_RELIABLE_BIN}, too few to judge.
        </Plot>
        <Plot
          svg={plots.tasks}
          title={`${comparison.taskLabel} per ${benchmark.track === "atari" ? "game" : "task"}`}
          testId="plot-tasks"
        >
          {benchmark.track === "metaworld" ? "Success rate after adaptation, with its 95% interval." : undefined}
        </Plot>
      </div>
      <Plot svg={plots.curves} title="Learning curves" testId="plot-curves">
        Return of the learning episodes against the agent step at which they ended, averaged in bins of 1/25 of the
        budget and over each entry&apos;s seeds.
      </Plot>
    </>
  );
}
