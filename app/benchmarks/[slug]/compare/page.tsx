import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { compareQuerySchema, loadComparison, type Comparison } from "@/lib/server/compare";
import { getViewer } from "@/lib/server/viewer";
import { Badge, SyntheticBadge } from "../../../_components/badges";
import { formatInterval, formatMetric } from "../../../_components/format";

export const metadata = { title: "Compare entries" };

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The leaderboard's form sends `id` once per ticked entry; links use `ids=a,b`. Both are accepted. */
function idsOf(search: Record<string, string | string[] | undefined>): string {
  return [search.ids, search.id].flat().filter((v): v is string => typeof v === "string").join(",");
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

function Plot({ svg, title, testId, children }: { svg: string | undefined; title: string; testId: string; children?: React.ReactNode }) {
  if (!svg) return null;
  return (
    <figure className="card space-y-2 p-5">
      <figcaption className="text-sm font-semibold">{title}</figcaption>
      {/* SVG rendered on the server by Vega from our own spec; every data string in it is escaped by the renderer. */}
      <div className="overflow-x-auto" data-testid={testId} dangerouslySetInnerHTML={{ __html: svg }} />
      {children && <p className="text-xs text-slate-500">{children}</p>}
    </figure>
  );
}

export default async function ComparePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const search = await searchParams;
  const query = compareQuerySchema.safeParse({ ids: idsOf(search), partition: search.partition });
  let comparison: Comparison | undefined;
  let problem: string | undefined;
  if (!query.success) problem = query.error.issues[0]?.message ?? "Pick the entries to compare on the leaderboard.";
  else {
    try {
      comparison = await loadComparison({ slug, viewer: await getViewer(), ...query.data });
    } catch (error) {
      if (error instanceof AppError && error.code === "benchmark_not_found") notFound();
      if (!(error instanceof AppError)) throw error;
      problem = error.message;
    }
  }
  if (!comparison) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Compare entries</h1>
        <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="compare-problem">{problem}</div>
        <Link href={`/benchmarks/${slug}`}>Back to the leaderboard</Link>
      </div>
    );
  }
  const { benchmark, columns, entries, pairs, plots, atari } = comparison;
  const primary = columns.find((c) => c.name === comparison.primary)!;
  const nameOf = (id: string) => entries.find((e) => e.id === id)?.name ?? id;

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <div className="text-sm text-slate-500">
          <Link href={`/benchmarks/${benchmark.slug}`}>{benchmark.title}</Link> <Badge>v{benchmark.version}</Badge> {benchmark.synthetic && <SyntheticBadge />}
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">Compare {entries.length} entries · {comparison.partition} partition</h1>
      </div>

      <div className="card overflow-x-auto">
        <table className="w-full text-sm" data-testid="compare-table">
          <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-3">Entry</th>
              {columns.map((c) => <th key={c.name} className="px-4 py-3 text-right">{c.label} {c.higherIsBetter ? "↑" : "↓"}</th>)}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {entries.map((e) => (
              <tr key={e.id}>
                <td className="px-4 py-3">
                  <Link href={`/submissions/${e.id}`} className="font-medium">{e.name}</Link> {e.isBaseline && <Badge tone="info">baseline</Badge>}
                  <div className="text-xs text-slate-500">{e.entrant}</div>
                </td>
                {columns.map((c) => {
                  const m = e.scores[c.name];
                  return (
                    <td key={c.name} className="px-4 py-3 text-right tabular-nums">
                      {m ? <>{formatMetric(c, m.value)} <span className="text-xs text-slate-400">{formatInterval(c, m)}</span></> : "—"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="card space-y-3 p-5 text-sm">
        <h2 className="font-semibold">Probability of improvement on {benchmark.track === "atari" ? "per-game human-normalized scores" : primary.label}</h2>
        <table className="w-full" data-testid="improvement-table">
          <tbody className="divide-y divide-slate-100">
            {pairs.map((p) => (
              <tr key={`${p.a}-${p.b}`}>
                <td className="py-2">P({nameOf(p.a)} &gt; {nameOf(p.b)})</td>
                <td className="py-2 text-right tabular-nums">
                  {p.improvement
                    ? <>{percent(p.improvement.estimate)} <span className="text-slate-400">[{percent(p.improvement.interval.low)}, {percent(p.improvement.interval.high)}]</span></>
                    : <span className="text-slate-400">{p.note}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-xs text-slate-500">
          Few-shot: every entry of a benchmark version sees the identical episodes, so scores are paired by episode; P is the
          share of episodes the first entry wins (ties count ½), with a 95% percentile interval from 2,000 bootstrap resamples
          of episode indices, the same indices for both entries. Tracks with independent runs per task use rliable&apos;s
          estimator (Mann-Whitney per task, averaged) with a stratified bootstrap interval. An interval that contains 50%
          means the data cannot tell the two apart.
        </p>
      </section>

      {atari && (
        <section className="card overflow-x-auto p-5 text-sm">
          <h2 className="mb-3 font-semibold">Human-normalized score per game</h2>
          <table className="w-full" data-testid="compare-games">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2">Game</th>
                {entries.map((e) => <th key={e.id} className="py-2 text-right">{e.name}</th>)}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {atari.games.map((g) => {
                const best = Math.max(...g.hns.filter((v): v is number => v !== undefined));
                return (
                  <tr key={g.game}>
                    <td className="py-2">{g.game}</td>
                    {g.hns.map((v, i) => (
                      <td key={entries[i]!.id} className={`py-2 text-right tabular-nums ${v === best && entries.length > 1 ? "font-semibold" : ""}`}>
                        {v === undefined ? "—" : v.toFixed(3)}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="mt-2 text-xs text-slate-500">Mean over each entry&apos;s runs of (score − random) / (human − random); the highest per game in bold.</p>
        </section>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <Plot svg={plots.intervals} title={`${primary.label} with 95% intervals`} testId="plot-intervals">
          {benchmark.track === "fewshot"
            ? "Mean over episodes ± 1.96·s/√n."
            : "Percentile intervals from a stratified bootstrap: runs resampled within each task."}
        </Plot>
        <Plot svg={plots.profiles} title="Performance profiles" testId="plot-profiles">
          The fraction of all runs × games whose human-normalized score exceeds τ, with 95% bands from 2,000 stratified
          bootstrap resamples (rliable&apos;s score distributions). A curve above another is better at every threshold.
        </Plot>
        <Plot svg={plots.reliability} title="Reliability diagram" testId="plot-reliability">
          Accuracy against mean confidence in each of 15 equal-width confidence bins, pooled over all queries of all episodes;
          points under the diagonal are over-confident.
        </Plot>
        <Plot svg={plots.tasks} title={`${comparison.taskLabel} per ${benchmark.track === "atari" ? "game" : "task"}`} testId="plot-tasks">
          {benchmark.track === "metaworld" ? "Success rate after adaptation, with its 95% interval." : undefined}
        </Plot>
      </div>
      <Plot svg={plots.curves} title="Learning curves" testId="plot-curves">
        Return of the learning episodes against the agent step at which they ended, averaged in bins of 1/25 of the budget
        and over each entry&apos;s seeds.
      </Plot>
    </div>
  );
}
