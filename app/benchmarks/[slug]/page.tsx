import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { AppError } from "@/lib/errors";
import { leaderboardQuerySchema, loadLeaderboard, type Leaderboard } from "@/lib/server/leaderboard";
import { getViewer } from "@/lib/server/viewer";
import { Badge, SyntheticBadge } from "../../_components/badges";
import { formatDate } from "../../_components/format";
import { LiveRefresh } from "../../_components/live-refresh";
import { LeaderboardTable } from "./leaderboard-table";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function BenchmarkPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = leaderboardQuerySchema.safeParse(await searchParams);
  const { partition, mode } = query.success ? query.data : leaderboardQuerySchema.parse({});
  const viewer = await getViewer();
  let board: Leaderboard | undefined;
  let sealed: string | undefined;
  try {
    board = await loadLeaderboard({ slug, viewer, partition, mode });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    if (!(error instanceof AppError && error.status === 403)) throw error;
    sealed = error.message;
    board = await loadLeaderboard({ slug, viewer, partition: "public", mode });
  }
  const { benchmark } = board;
  const spec = benchmark.spec;
  const phase = benchmark.phase;
  const href = (p: string, m: string) => `/benchmarks/${slug}?partition=${p}&mode=${m}`;
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight" data-testid="benchmark-title">{benchmark.title}</h1>
            <Badge tone="info">{benchmark.track}</Badge>
            <Badge>v{benchmark.version}</Badge>
            {benchmark.synthetic && <SyntheticBadge />}
          </div>
          {benchmark.summary && <p className="max-w-3xl text-slate-600">{benchmark.summary}</p>}
        </div>
        <div className="flex items-center gap-3">
          <LiveRefresh source={`/api/events?benchmark=${encodeURIComponent(slug)}`} />
          {viewer && phase?.isOpen && (
            <Link href={`/submit?benchmark=${slug}`} className="btn" data-testid="submit-link">Submit</Link>
          )}
        </div>
      </div>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex gap-1 rounded-lg bg-slate-100 p-1" role="tablist" aria-label="Partition">
          <Link href={href("public", mode)} className={tab(board.partition === "public" && !sealed)} data-testid="partition-public">
            Public partition
          </Link>
          <Link href={href("private", mode)} className={tab(board.partition === "private" || !!sealed)} data-testid="partition-private">
            Private partition
            {!phase?.privateRevealed && (
              <svg viewBox="0 0 16 16" className="ml-1 inline h-3.5 w-3.5 align-[-2px]" aria-label="sealed" fill="currentColor">
                <path d="M5 7V5a3 3 0 1 1 6 0v2h.5A1.5 1.5 0 0 1 13 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-7A1.5 1.5 0 0 1 3 13.5v-5A1.5 1.5 0 0 1 4.5 7H5Zm1.5 0h3V5a1.5 1.5 0 0 0-3 0v2Z" />
              </svg>
            )}
          </Link>
        </div>
        <div className="flex items-center gap-3">
          <div className="flex gap-1 rounded-lg bg-slate-100 p-1" role="tablist" aria-label="Entries">
            <Link href={href(board.partition, "best")} className={tab(mode === "best")} data-testid="mode-best">Best per team</Link>
            <Link href={href(board.partition, "all")} className={tab(mode === "all")} data-testid="mode-all">All entries</Link>
          </div>
          <a
            href={`/api/benchmarks/${slug}/leaderboard?partition=${board.partition}&mode=${mode}&format=csv`}
            className="btn-secondary"
            data-testid="csv-link"
            download
          >
            Export CSV
          </a>
        </div>
      </div>

      {sealed && (
        <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="private-sealed">
          {sealed} Showing the public partition.
        </div>
      )}

      <LeaderboardTable columns={board.columns} rows={board.rows} partition={board.partition} />

      <section className="grid gap-4 md:grid-cols-2">
        <div className="card p-5 text-sm">
          <h2 className="mb-3 font-semibold">Protocol</h2>
          {spec.track === "fewshot" && (
            <dl className="grid grid-cols-2 gap-y-1 text-slate-600">
              <dt>Episodes</dt>
              <dd>{spec.ways}-way {spec.shots}-shot, {spec.queries} queries per class</dd>
              <dt>Public partition</dt>
              <dd>{spec.partitions.public.episodes} episodes</dd>
              <dt>Private partition</dt>
              <dd>{spec.partitions.private.episodes} episodes</dd>
              <dt>Bundle kinds</dt>
              <dd>{spec.kinds.join(", ")}</dd>
              <dt>Limits</dt>
              <dd>{spec.limits.wallSeconds}s wall, {spec.limits.memoryMb} MB</dd>
              <dt>Interval</dt>
              <dd>mean ± 1.96·s/√n over episodes</dd>
            </dl>
          )}
        </div>
        <div className="card p-5 text-sm">
          <h2 className="mb-3 font-semibold">Phase</h2>
          {phase ? (
            <dl className="grid grid-cols-2 gap-y-1 text-slate-600">
              <dt>Name</dt>
              <dd>{phase.name} {phase.isOpen ? <Badge tone="scored">open</Badge> : <Badge>closed</Badge>}</dd>
              <dt>Opens</dt>
              <dd>{formatDate(phase.opensAt)}</dd>
              <dt>Closes</dt>
              <dd>{phase.closesAt ? formatDate(phase.closesAt) : "open-ended"}</dd>
              <dt>Quota</dt>
              <dd>
                {phase.quotaPerDay ?? "∞"} per day · {phase.quotaTotal ?? "∞"} in total
              </dd>
              <dt>Private scores</dt>
              <dd>{phase.privateRevealed ? "revealed" : phase.revealAt ? `hidden until ${formatDate(phase.revealAt)}` : "hidden (no reveal time set)"}</dd>
            </dl>
          ) : (
            <p className="text-slate-500">No phase yet.</p>
          )}
        </div>
      </section>

      {benchmark.about && (
        <section className="card space-y-3 p-5 text-sm text-slate-700" data-testid="benchmark-about">
          <h2 className="font-semibold text-slate-900">About this benchmark</h2>
          {benchmark.about.split(/\n\s*\n/).map((paragraph, i) => (
            <p key={i} className="whitespace-pre-line">{paragraph}</p>
          ))}
        </section>
      )}
    </div>
  );
}
