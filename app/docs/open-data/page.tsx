import Link from "next/link";
import { listVisibleBenchmarks } from "@/lib/server/benchmark-view";
import { DATASET_COLUMNS, OPEN_DATA_SCHEMA_VERSION, type Dataset } from "@/lib/server/open-data";
import { getViewer } from "@/lib/server/viewer";

export const metadata = { title: "Open data" };

const DESCRIPTIONS: Record<Dataset, string> = {
  results: "Raw results: one line per metric per episode (few-shot) or run (RL) of every scored public entry.",
  entries: "Method cards and compute: one line per scored public entry.",
  seeds:
    "The seeds every result was drawn from: public ones always, the private ones (drawn secretly by this installation) once private scores are revealed, so every private result can be reproduced.",
  reported:
    "Results published in papers, not evaluated here: one line per number, with the paper, the table it comes from " +
    "and what its ± means (the JSON adds the BibTeX). They are never ranked with the entries.",
};

/** The open-data schema, from the same column list the exports are written with. */
export default async function OpenDataPage() {
  const benchmarks = await listVisibleBenchmarks(await getViewer());
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Open data</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          Every benchmark publishes its raw results and method cards as CSV and JSON at
          <code className="mx-1">/api/benchmarks/&lt;slug&gt;/data/&lt;dataset&gt;?format=csv|json</code>. The schema is
          version {OPEN_DATA_SCHEMA_VERSION} (the JSON&apos;s <code>schema</code> field, e.g.{" "}
          <code>heldout.results/{OPEN_DATA_SCHEMA_VERSION}</code>); columns are only ever added at the end within a
          version, so read columns by name (or ignore extra trailing ones); columns marked <em>added</em> came after the
          version&apos;s first release. Private-partition rows appear once the phase&apos;s reveal time has passed; the
          JSON lists the partitions it includes. Hidden, disqualified, private and failed entries are not published, and
          while a leaderboard is frozen, entries made after the freeze are left out until the reveal.
        </p>
        <p className="max-w-3xl text-sm text-slate-600" data-testid="open-data-versions">
          Every row names the <code>benchmark_version</code> that produced it. When organizers re-evaluate every entry
          on a new version, each re-evaluation is an entry of its own on that version, with <code>reevaluation_of</code>{" "}
          naming the original entry; filter on <code>benchmark_version</code> to compare entries on the same protocol.
        </p>
      </div>
      {(Object.keys(DATASET_COLUMNS) as Dataset[]).map((dataset) => (
        <section key={dataset} className="card p-5 text-sm" data-testid={`schema-${dataset}`}>
          <h2 className="mb-1 font-semibold">{dataset}</h2>
          <p className="mb-3 text-slate-600">{DESCRIPTIONS[dataset]}</p>
          <table className="w-full">
            <tbody className="divide-y divide-slate-100">
              {DATASET_COLUMNS[dataset].map((c) => (
                <tr key={c.name}>
                  <td className="py-1.5 pr-4 font-mono text-xs">{c.name}</td>
                  <td className="py-1.5 text-slate-600">
                    {c.meaning}
                    {c.added && <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-500">added</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <section className="card p-5 text-sm">
        <h2 className="mb-3 font-semibold">Downloads</h2>
        <ul className="space-y-1">
          {benchmarks.map((b) => (
            <li key={b.slug} id={b.slug}>
              <span className="font-medium">{b.title}</span>:{" "}
              {(Object.keys(DATASET_COLUMNS) as Dataset[]).flatMap((d) =>
                (["csv", "json"] as const).map((f) => (
                  <Link
                    key={`${d}-${f}`}
                    className="mr-3"
                    href={`/api/benchmarks/${b.slug}/data/${d}?format=${f}`}
                    prefetch={false}
                  >
                    {d}.{f}
                  </Link>
                )),
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="card p-5 text-sm">
        <h2 className="mb-2 font-semibold">Standing badge</h2>
        <p className="text-slate-600">
          <code>/api/benchmarks/&lt;slug&gt;/badge?entrant=&lt;team id or user id&gt;</code> gives an SVG badge with the
          entrant&apos;s public rank and score; add <code>&amp;format=json</code> for the same as JSON.
        </p>
      </section>
    </div>
  );
}
