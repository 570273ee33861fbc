import type { ReportedEntry } from "@/lib/reported-results/reported-results";
import type { ReportedNumber } from "@/lib/reported-results/schema";
import { Badge } from "./badges";

/** A number as the paper printed it: "98.7 ± 0.4%". */
function printed(n: ReportedNumber): string {
  const unit = n.unit === "percent" ? "%" : "";
  return n.plusMinus === undefined ? `${n.value}${unit}` : `${n.value} ± ${n.plusMinus}${unit}`;
}

/**
 * Published results beside the board, in their own section: they were not evaluated here (other episodes, seeds and
 * often splits), so they carry no rank or tier and never enter a ranking, a comparison or a plot.
 */
export function ReportedResults({ reported }: { reported: ReportedEntry[] }) {
  if (reported.length === 0) return null;
  return (
    <section className="card overflow-x-auto p-5 text-sm" data-testid="reported-results">
      <h2 className="mb-1 font-semibold">Reported, not evaluated here</h2>
      <p className="mb-3 max-w-3xl text-slate-600">
        Numbers copied from papers, as printed there. They come from each paper&apos;s own protocol and test episodes or
        seeds, so they are not ranked with the entries above.
      </p>
      <table className="w-full min-w-[640px]">
        <thead className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-4">Method</th>
            <th className="py-2 pr-4">As reported</th>
            <th className="py-2 pr-4">Source</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {reported.map((r) => (
            <tr key={r.id} className="align-top" data-testid="reported-result">
              <td className="py-2 pr-4 font-medium">
                {r.method} <Badge>reported</Badge>
              </td>
              <td className="py-2 pr-4 tabular-nums">
                {r.numbers.map((n) => (
                  <div key={n.metric}>
                    {n.metric}: {printed(n)}
                  </div>
                ))}
                <div className="text-xs text-slate-500">± {r.plusMinusMeans}</div>
              </td>
              <td className="py-2 pr-4 text-slate-600">
                <a href={r.paper.url} rel="noopener noreferrer nofollow">
                  {r.paper.title}
                </a>
                , {r.table}
                {r.reportedFrom && <div className="text-xs">Quoted from: {r.reportedFrom}</div>}
                <details className="text-xs">
                  <summary className="cursor-pointer">Protocol and BibTeX</summary>
                  <p className="my-1 whitespace-pre-line">{r.protocol}</p>
                  <pre className="overflow-x-auto whitespace-pre-wrap rounded bg-slate-50 p-2">{r.paper.bibtex}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
