import Link from "next/link";
import type { Comparison } from "@/lib/server/compare";
import { Badge } from "../../../_components/badges";
import { MetricValue } from "../../../_components/metric-value";

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The compared entries side by side, one column per metric with its direction. */
export function CompareTable({ columns, entries }: Pick<Comparison, "columns" | "entries">) {
  return (
    <div className="card overflow-x-auto">
      <table className="w-full text-sm" data-testid="compare-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-3">Entry</th>
            {columns.map((c) => (
              <th key={c.name} className="px-4 py-3 text-right">
                {c.label} {c.higherIsBetter ? "↑" : "↓"}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="px-4 py-3">
                <Link href={`/submissions/${e.id}`} className="font-medium">
                  {e.name}
                </Link>{" "}
                {e.isBaseline && <Badge tone="info">baseline</Badge>}
                <div className="text-xs text-slate-500">{e.entrant}</div>
              </td>
              {columns.map((c) => (
                <td key={c.name} className="px-4 py-3 text-right tabular-nums">
                  <MetricValue column={c} score={e.scores[c.name]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** P(a > b) for each pair with its bootstrap interval (or why there is none), and how it is estimated. */
export function ImprovementTable({ comparison, metricLabel }: { comparison: Comparison; metricLabel: string }) {
  const { benchmark, entries, pairs } = comparison;
  const nameOf = (id: string) => entries.find((e) => e.id === id)?.name ?? id;
  return (
    <section className="card space-y-3 p-5 text-sm">
      <h2 className="font-semibold">
        Probability of improvement on {benchmark.track === "atari" ? "per-game human-normalized scores" : metricLabel}
      </h2>
      <table className="w-full" data-testid="improvement-table">
        <tbody className="divide-y divide-slate-100">
          {pairs.map((p) => (
            <tr key={`${p.a}-${p.b}`}>
              <td className="py-2">
                P({nameOf(p.a)} &gt; {nameOf(p.b)})
              </td>
              <td className="py-2 text-right tabular-nums">
                {p.improvement ? (
                  <>
                    {percent(p.improvement.estimate)}{" "}
                    <span className="text-slate-400">
                      [{percent(p.improvement.interval.low)}, {percent(p.improvement.interval.high)}]
                    </span>
                  </>
                ) : (
                  <span className="text-slate-400">{p.note}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500">
        Few-shot: every entry of a benchmark version sees the identical episodes, so scores are paired by episode; P is
        the share of episodes the first entry wins (ties count ½), with a 95% percentile interval from 2,000 bootstrap
        resamples of episode indices, the same indices for both entries. Tracks with independent runs per task use
        rliable&apos;s estimator (Mann-Whitney per task, averaged) with a stratified bootstrap interval. An interval
        that contains 50% means the data cannot tell the two apart.
      </p>
    </section>
  );
}

/** Atari: each entry's mean HNS per game, the best of each game in bold. */
export function AtariGamesTable({ atari, entries }: { atari: Comparison["atari"]; entries: Comparison["entries"] }) {
  if (!atari) return null;
  return (
    <section className="card overflow-x-auto p-5 text-sm">
      <h2 className="mb-3 font-semibold">Human-normalized score per game</h2>
      <table className="w-full" data-testid="compare-games">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2">Game</th>
            {entries.map((e) => (
              <th key={e.id} className="py-2 text-right">
                {e.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {atari.games.map((g) => {
            const best = Math.max(...g.hns.filter((v): v is number => v !== undefined));
            return (
              <tr key={g.game}>
                <td className="py-2">{g.game}</td>
                {g.hns.map((v, i) => (
                  <td
                    key={entries[i]!.id}
                    className={`py-2 text-right tabular-nums ${v === best && entries.length > 1 ? "font-semibold" : ""}`}
                  >
                    {v === undefined ? "—" : v.toFixed(3)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">
        Mean over each entry&apos;s runs of (score − random) / (human − random); the highest per game in bold.
      </p>
    </section>
  );
}
