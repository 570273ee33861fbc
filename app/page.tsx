import Link from "next/link";
import { listVisibleBenchmarks } from "@/lib/server/benchmark-view";
import { getViewer } from "@/lib/server/viewer";
import { Badge, SyntheticBadge } from "./_components/badges";
import { formatDate } from "./_components/format";

export default async function HomePage() {
  const viewer = await getViewer();
  const benchmarks = await listVisibleBenchmarks(viewer);
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <h1 className="text-3xl font-semibold tracking-tight">Benchmarks</h1>
        <p className="max-w-3xl text-slate-600">
          Meta-learning and sample-efficient RL, evaluated in a sandbox on held-out tasks. Every score comes with its
          95% confidence interval; entries whose intervals overlap the leader&apos;s share its tier.
        </p>
      </section>
      {benchmarks.length === 0 ? (
        <div className="card p-8 text-center text-slate-500">
          No benchmarks yet. An organizer can author one in the <Link href="/organize">organizer console</Link>, or
          import a dataset with <code>heldout import</code>.
        </div>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="benchmark-list">
          {benchmarks.map((b) => (
            <li key={b.id} className="card flex flex-col gap-3 p-5" data-testid="benchmark-card" data-slug={b.slug}>
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/benchmarks/${b.slug}`}
                  className="text-lg font-semibold text-slate-900 hover:text-brand-700"
                >
                  {b.title}
                </Link>
                <Badge tone="info">{b.track}</Badge>
                {b.synthetic && <SyntheticBadge />}
                {b.visibility === "invite" && <Badge>invite only</Badge>}
              </div>
              {b.summary && <p className="text-sm text-slate-600">{b.summary}</p>}
              <dl className="mt-auto grid grid-cols-3 gap-2 text-xs text-slate-500">
                <div>
                  <dt>Phase</dt>
                  <dd className="font-medium text-slate-700">
                    {b.phase ? `${b.phase.name} · ${b.phase.isOpen ? "open" : "closed"}` : "none"}
                  </dd>
                </div>
                <div>
                  <dt>Scored entries</dt>
                  <dd className="font-medium text-slate-700">{b.scored}</dd>
                </div>
                <div>
                  <dt>Closes</dt>
                  <dd className="font-medium text-slate-700">
                    {b.phase?.closesAt ? formatDate(b.phase.closesAt) : "open-ended"}
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
