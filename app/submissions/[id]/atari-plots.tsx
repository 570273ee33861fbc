import type { loadSubmissionPlots } from "@/lib/server/atari-plots";
import { Plot } from "../../_components/plot";

type Plots = Awaited<ReturnType<typeof loadSubmissionPlots>>;

/** An Atari entry's charts: human-normalized score per game, its performance profile and its learning curves. */
export function AtariPlots({ plots }: { plots: Plots | undefined }) {
  if (!(plots?.games || plots?.curves || plots?.profile)) return null;
  return (
    <div className="grid gap-4">
      <Plot svg={plots.games} title="Human-normalized score per game" testId="plot-games" />
      <Plot svg={plots.profile} title="Performance profile" testId="plot-profile">
        The fraction of runs × games whose human-normalized score exceeds τ, with 95% bands from 2,000 stratified
        bootstrap resamples.
      </Plot>
      <Plot svg={plots.curves} title="Learning curves" testId="plot-curves">
        Return of each learning episode against the agent step at which it ended, averaged in bins of 1/25 of the
        budget; one line per run.
      </Plot>
    </div>
  );
}
