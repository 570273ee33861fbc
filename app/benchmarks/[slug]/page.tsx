import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { AppError } from "@/lib/errors";
import { leaderboardQuerySchema, loadLeaderboard, type Leaderboard } from "@/lib/server/leaderboard";
import { getViewer } from "@/lib/server/viewer";
import { listEntryTags } from "@/db/queries/leaderboard";
import { listDisqualified } from "@/db/queries/moderation";
import { getDatabase } from "@/lib/server/context";
import { Badge, SyntheticBadge } from "../../_components/badges";
import { formatDate } from "../../_components/format";
import { LiveRefresh } from "../../_components/live-refresh";
import { summarizeRlSpec } from "@/lib/server/spec-summary";
import { protocolChoices } from "@/lib/server/protocol-choices";
import { listBenchmarkVersions } from "@/db/queries/views";
import { LeaderboardTable } from "./leaderboard-table";
import { VersionSelector } from "./version-selector";
import { PhaseRules } from "./phase-rules";
import { RlProtocol } from "./rl-protocol";
import { ProtocolChoices } from "./protocol-choices";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function BenchmarkPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const query = leaderboardQuerySchema.safeParse(await searchParams);
  const { partition, mode, tag, version } = query.success ? query.data : leaderboardQuerySchema.parse({});
  const search = await searchParams;
  const chosenColumns = typeof search.cols === "string" ? search.cols.split(",").filter(Boolean) : undefined;
  const viewer = await getViewer();
  let board: Leaderboard | undefined;
  let sealed: string | undefined;
  try {
    board = await loadLeaderboard({ slug, viewer, partition, mode, tag, version });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    if (!(error instanceof AppError && error.status === 403)) throw error;
    sealed = error.message;
    board = await loadLeaderboard({ slug, viewer, partition: "public", mode, tag, version });
  }
  const { db } = getDatabase();
  const [tags, disqualified, versions] = await Promise.all([
    listEntryTags(db, board.benchmark.id, board.benchmark.phase?.publicCutoff ?? null),
    listDisqualified(db, board.benchmark.id),
    listBenchmarkVersions(db, board.benchmark.id),
  ]);
  // The primary metric is always shown; the others as the reader chose (all by default).
  const columns = board.columns.filter((c) => c.primary || !chosenColumns || chosenColumns.includes(c.name));
  const { benchmark } = board;
  const spec = board.spec;
  const isLatest = board.version === benchmark.version;
  const phase = benchmark.phase;
  const link = (change: Record<string, string | undefined>) => {
    const params = { partition: board.partition, mode, tag, cols: chosenColumns?.join(","), version: isLatest ? undefined : String(board.version), ...change };
    const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
    return `/benchmarks/${slug}?${qs}`;
  };
  const href = (p: string, m: string) => link({ partition: p, mode: m });
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight" data-testid="benchmark-title">{benchmark.title}</h1>
            <Badge tone="info">{benchmark.track}</Badge>
            <Badge>v{board.version}</Badge>
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
            href={`/api/benchmarks/${slug}/leaderboard?partition=${board.partition}&mode=${mode}&version=${board.version}&format=csv`}
            className="btn-secondary"
            data-testid="csv-link"
            download
          >
            Export CSV
          </a>
        </div>
      </div>

      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm" data-testid="leaderboard-filters">
        {tags.length > 0 && (
          <div className="flex flex-wrap items-center gap-1">
            <span className="text-slate-500">Method:</span>
            <Link href={link({ tag: undefined })} className={tag ? "px-1" : "px-1 font-semibold"}>all</Link>
            {tags.map((t) => (
              <Link key={t} href={link({ tag: t })} className={tag === t ? "px-1 font-semibold" : "px-1"} data-testid="tag-filter">{t}</Link>
            ))}
          </div>
        )}
        <div className="flex flex-wrap items-center gap-1">
          <span className="text-slate-500">Columns:</span>
          {board.columns.filter((c) => !c.primary).map((c) => {
            const shown = columns.includes(c);
            const next = board.columns.filter((x) => !x.primary && (x === c ? !shown : columns.includes(x))).map((x) => x.name);
            return (
              <Link key={c.name} href={link({ cols: next.length ? next.join(",") : "none" })} className={shown ? "px-1 font-semibold" : "px-1 text-slate-400 line-through"} data-testid="column-toggle">
                {c.label}
              </Link>
            );
          })}
        </div>
        <div className="ml-auto flex gap-3">
          <Link href={`/benchmarks/${slug}/about`} data-testid="about-link">About &amp; citation</Link>
          {phase?.privateRevealed && <Link href={`/benchmarks/${slug}/reveal`} data-testid="reveal-link">Public vs private</Link>}
          <Link href={`/docs/open-data#${slug}`}>Open data</Link>
        </div>
      </div>

      {versions.length > 1 && (
        <VersionSelector
          versions={versions.map((v) => ({ version: v.version, entries: v.entries, href: link({ version: v.version === benchmark.version ? undefined : String(v.version) }) }))}
          shown={board.version}
          latest={benchmark.version}
        />
      )}

      {phase?.publicCutoff && (
        <div className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900" data-testid="leaderboard-frozen">
          Leaderboard frozen at {formatDate(phase.publicCutoff)}: entries submitted later are scored and shown to their
          owners, and appear here after the private scores are revealed.
        </div>
      )}

      {sealed && (
        <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="private-sealed">
          {sealed} Showing the public partition.
        </div>
      )}

      {/* A plain GET form: ticking entries and comparing works without JavaScript. */}
      <form action={`/benchmarks/${slug}/compare`} method="get" className="space-y-2">
        <input type="hidden" name="partition" value={board.partition} />
        <LeaderboardTable columns={columns} rows={board.rows} partition={board.partition} />
        {board.rows.length > 1 && (
          <div className="flex items-center justify-end gap-3 text-sm text-slate-500">
            Tick two or more entries to see them side by side.
            <button type="submit" className="btn-secondary" data-testid="compare-submit">Compare selected</button>
          </div>
        )}
      </form>

      {disqualified.length > 0 && (
        <section className="card p-5 text-sm" data-testid="disqualified">
          <h2 className="mb-2 font-semibold">Disqualified entries</h2>
          <ul className="space-y-1 text-slate-600">
            {disqualified.map((d) => (
              <li key={d.id}><Link href={`/submissions/${d.id}`}>{d.name}</Link>: {d.reason}</li>
            ))}
          </ul>
        </section>
      )}

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
          {spec.track !== "fewshot" && <RlProtocol summary={summarizeRlSpec(spec)} />}
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
              <PhaseRules phase={phase} />
              <dt>Private scores</dt>
              <dd>{phase.privateRevealed ? "revealed" : phase.revealAt ? `hidden until ${formatDate(phase.revealAt)}` : "hidden (no reveal time set)"}</dd>
            </dl>
          ) : (
            <p className="text-slate-500">No phase yet.</p>
          )}
        </div>
      </section>

      <ProtocolChoices choices={protocolChoices(spec)} />

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
