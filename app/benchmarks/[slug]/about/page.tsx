import Link from "next/link";
import { getConfig } from "@/lib/config";
import { loadBenchmarkAbout } from "@/lib/server/benchmark-view";
import { getViewer } from "@/lib/server/viewer";
import { Badge, SyntheticBadge } from "../../../_components/badges";
import { formatDate } from "../../../_components/format";
import { orNotFound } from "../../../_components/or-not-found";
import { PhaseRules } from "../phase-rules";
import { bibtex, changedFields } from "./citation";

export const metadata = { title: "About the benchmark" };

type Version = Awaited<ReturnType<typeof loadBenchmarkAbout>>["versions"][number];

/** Every version, newest first, with the spec fields it changed from the one before and its scored entries. */
function VersionHistory({ versions }: { versions: Version[] }) {
  return (
    <section className="card p-5 text-sm" data-testid="about-versions">
      <h2 className="mb-3 font-semibold">Version history</h2>
      <table className="w-full">
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2">Version</th>
            <th className="py-2">Published</th>
            <th className="py-2">Changed from the previous</th>
            <th className="py-2 text-right">Scored entries</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {versions.map((v, i) => {
            const previous = versions[i + 1];
            const changed = previous
              ? changedFields(previous.spec as Record<string, unknown>, v.spec as Record<string, unknown>)
              : [];
            return (
              <tr key={v.version}>
                <td className="py-2">v{v.version}</td>
                <td className="py-2">{formatDate(v.createdAt)}</td>
                <td className="py-2 font-mono text-xs">{previous ? changed.join(", ") || "—" : "first version"}</td>
                <td className="py-2 text-right tabular-nums">{v.entries}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export default async function AboutPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { benchmark, versions } = await orNotFound(loadBenchmarkAbout({ slug, viewer: await getViewer() }));
  const url = `${getConfig().siteUrl ?? ""}/benchmarks/${benchmark.slug}/about`;
  const citation = bibtex({
    slug: benchmark.slug,
    title: benchmark.title,
    version: benchmark.version,
    year: versions[0]!.createdAt.getUTCFullYear(),
    url,
  });

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <div className="text-sm text-slate-500">
          <Link href={`/benchmarks/${benchmark.slug}`}>Leaderboard</Link> / about
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{benchmark.title}</h1>
          <Badge tone="info">{benchmark.track}</Badge>
          <Badge>v{benchmark.version}</Badge>
          {benchmark.synthetic && <SyntheticBadge />}
        </div>
        {benchmark.summary && <p className="max-w-3xl text-slate-600">{benchmark.summary}</p>}
      </div>

      <section className="card space-y-3 p-5 text-sm text-slate-700" data-testid="about-protocol">
        <h2 className="font-semibold text-slate-900">Protocol</h2>
        {benchmark.about ? (
          benchmark.about.split(/\n\s*\n/).map((paragraph, i) => (
            <p key={i} className="whitespace-pre-line">
              {paragraph}
            </p>
          ))
        ) : (
          <p className="text-slate-500">
            The organizers have not written a description; the exact specification below is what the evaluator runs.
          </p>
        )}
        <h3 className="pt-2 font-semibold text-slate-900">Exact specification (v{benchmark.version})</h3>
        <pre
          className="overflow-x-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100"
          data-testid="about-spec"
        >
          {JSON.stringify(benchmark.spec, null, 2)}
        </pre>
        <p className="text-xs text-slate-500">
          Scores are computed by the platform from the raw per-episode results; intervals are 95%. Results are
          comparable only within one version: an edit to the specification publishes a new version with its own
          leaderboard.
        </p>
      </section>

      {benchmark.phase && (
        <section className="card p-5 text-sm" data-testid="about-phase">
          <h2 className="mb-3 font-semibold">Rules of the {benchmark.phase.name} phase</h2>
          <dl className="grid grid-cols-[12rem_1fr] gap-y-1 text-slate-600">
            <PhaseRules phase={benchmark.phase} />
          </dl>
        </section>
      )}

      <VersionHistory versions={versions} />

      <section className="card space-y-2 p-5 text-sm" data-testid="about-cite">
        <h2 className="font-semibold">How to cite</h2>
        <p className="text-slate-600">
          Cite the version you report on, and give each result with its interval. Raw per-episode results of every entry
          are available as <Link href={`/docs/open-data#${benchmark.slug}`}>open data</Link>.
        </p>
        <pre className="overflow-x-auto rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-800">{citation}</pre>
      </section>
    </div>
  );
}
