import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { loadRevealAnalysis, type RevealAnalysis } from "@/lib/server/reveal";
import { getViewer } from "@/lib/server/viewer";
import { Badge } from "../../../_components/badges";
import { formatMetric } from "../../../_components/format";

export const metadata = { title: "Public vs private" };

export default async function RevealPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  let analysis: RevealAnalysis;
  try {
    analysis = await loadRevealAnalysis({ slug, viewer: await getViewer() });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    if (!(error instanceof AppError && error.status === 403)) throw error;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Public vs private</h1>
        <div
          className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="private-sealed"
        >
          {error.message}
        </div>
        <Link href={`/benchmarks/${slug}`}>Back to the leaderboard</Link>
      </div>
    );
  }
  const { benchmark, metric, rows, plot } = analysis;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <div className="text-sm text-slate-500">
          <Link href={`/benchmarks/${benchmark.slug}`}>{benchmark.title}</Link> <Badge>v{benchmark.version}</Badge>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">Public vs private</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Each entrant&apos;s best entry on the public partition, scored on the private one. Entrants who submitted
          often and fell on the private partition were probably fitting the public episodes.
        </p>
      </div>
      {plot && (
        <figure className="card p-5">
          <div className="overflow-x-auto" data-testid="plot-reveal" dangerouslySetInnerHTML={{ __html: plot }} />
        </figure>
      )}
      <RevealTable metric={metric} rows={rows} />
    </div>
  );
}

function RevealTable({ metric, rows }: Pick<RevealAnalysis, "metric" | "rows">) {
  return (
    <div className="card overflow-x-auto">
      <table className="w-full text-sm" data-testid="reveal-table">
        <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-3">Entrant</th>
            <th className="px-4 py-3 text-right">Submissions</th>
            <th className="px-4 py-3 text-right">Public {metric.label}</th>
            <th className="px-4 py-3 text-right">Private {metric.label}</th>
            <th className="px-4 py-3 text-right">Rank public → private</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.submissionId} data-testid="reveal-row">
              <td className="px-4 py-3">
                <Link href={`/submissions/${r.submissionId}`}>{r.name}</Link>{" "}
                <span className="text-xs text-slate-500">{r.entrant}</span>{" "}
                {r.isBaseline && <Badge tone="info">baseline</Badge>}
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{r.submissions}</td>
              <td className="px-4 py-3 text-right tabular-nums">
                {r.public === null ? "—" : formatMetric(metric, r.public)}
              </td>
              <td className="px-4 py-3 text-right tabular-nums">
                {r.private === null ? "—" : formatMetric(metric, r.private)}
              </td>
              <td className="px-4 py-3 text-right tabular-nums">
                {r.publicRank} → {r.privateRank ?? "—"}
                {r.rankChange !== null && r.rankChange !== 0 && (
                  <span className={r.rankChange > 0 ? "ml-2 text-emerald-700" : "ml-2 text-rose-700"}>
                    {r.rankChange > 0 ? `▲${r.rankChange}` : `▼${-r.rankChange}`}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
