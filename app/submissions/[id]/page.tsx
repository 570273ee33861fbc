import Link from "next/link";
import { notFound } from "next/navigation";
import { getSubmissionView } from "@/db/queries/views";
import { trackDefinitions } from "@/evaluator/tracks/definitions";
import { isOrganizer } from "@/lib/http/auth";
import { loadSubmissionPlots } from "@/lib/server/atari-plots";
import { getDatabase } from "@/lib/server/context";
import { viewerMayCancel } from "@/lib/submissions/cancel";
import { getViewer } from "@/lib/server/viewer";
import { Badge, StatusBadge, SyntheticBadge } from "../../_components/badges";
import { formatBytes, formatDate, formatInterval, formatMetric } from "../../_components/format";
import { LiveRefresh } from "../../_components/live-refresh";
import { FinalChoice } from "./final-choice";
import { CancelButton } from "./cancel-button";
import { ModerationPanel } from "./moderation-panel";
import { AtariGameTable, AtariUnitDetail, MetaWorldTaskTable } from "./track-tables";

export const metadata = { title: "Submission" };

function progressOf(progress: Record<string, unknown> | null): { done: number; total: number } | undefined {
  const done = progress?.done, total = progress?.total;
  return typeof done === "number" && typeof total === "number" && total > 0 ? { done, total } : undefined;
}

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const db = getDatabase().db;
  const s = await getSubmissionView(db, { id, viewer });
  if (!s) notFound();
  const columns = trackDefinitions[s.benchmark.track as keyof typeof trackDefinitions]?.metrics ?? [];
  const partitions = (["public", "private"] as const).filter((p) => s.scores.some((x) => x.partition === p));
  const finished = s.status === "scored" || s.status === "failed" || s.status === "cancelled";
  const [canCancel, atariPlots] = await Promise.all([
    finished ? false : viewerMayCancel(db, s.id, viewer),
    s.benchmark.track === "atari" ? loadSubmissionPlots({ submissionId: s.id, partitions: s.privateRevealed ? ["public", "private"] : ["public"], games: s.atariGames }) : undefined,
  ]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <div className="text-sm text-slate-500">
            <Link href={`/benchmarks/${s.benchmark.slug}`}>{s.benchmark.title}</Link>{" "}
            <Link href={`/benchmarks/${s.benchmark.slug}?version=${s.version}`} data-testid="submission-version">v{s.version}</Link>{" "}
            {s.benchmark.synthetic && <SyntheticBadge />}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight" data-testid="submission-name">{s.name}</h1>
            <StatusBadge status={s.status} />
            {s.isBaseline && <Badge tone="info">baseline</Badge>}
            {s.visibility === "private" && <Badge>private</Badge>}
            <Badge>{s.kind}</Badge>
          </div>
          <div className="text-sm text-slate-500">
            by {s.entrant} · submitted {formatDate(s.createdAt)}
            {s.finishedAt && <> · finished {formatDate(s.finishedAt)}</>}
          </div>
          {s.reevaluationOf && (
            <div className="text-sm text-slate-600" data-testid="reevaluated-from">
              Evaluated on v{s.version}, re-evaluated from{" "}
              <Link href={`/submissions/${s.reevaluationOf.id}`}>v{s.reevaluationOf.version}</Link>: the same bundle, run again by the organizers.
            </div>
          )}
          {s.reevaluations.length > 0 && (
            <div className="text-sm text-slate-600" data-testid="reevaluations">
              Evaluated on v{s.version}; re-evaluated on{" "}
              {s.reevaluations.map((r, i) => (
                <span key={r.id}>
                  {i > 0 && ", "}
                  <Link href={`/submissions/${r.id}`}>v{r.version}</Link> <span className="text-slate-400">({r.status})</span>
                </span>
              ))}
              .
            </div>
          )}
        </div>
        <div className="flex items-start gap-3">
          {canCancel && <CancelButton id={s.id} />}
          {!finished && <LiveRefresh source={`/api/events?submission=${encodeURIComponent(s.id)}`} />}
        </div>
      </div>

      {s.status === "cancelled" && (
        <div className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700" data-testid="cancelled-note">
          This evaluation was cancelled{s.finishedAt && <> on {formatDate(s.finishedAt)}</>}: nothing more is scored. A cancellation is not a
          failure of the submitted code; like any accepted submission it still counts toward the phase&apos;s submission quota.
        </div>
      )}

      {s.moderation && (
        <div className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900" data-testid="moderation-ruling">
          <span className="font-medium">{s.moderation.state === "hidden" ? "Hidden by the organizers" : "Disqualified by the organizers"}</span>
          {" "}on {formatDate(s.moderation.at)}: {s.moderation.reason}
        </div>
      )}

      {s.finalChoice && <FinalChoice id={s.id} choice={s.finalChoice} />}

      {s.failure && (
        <div className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900" data-testid="failure-reason">
          <div className="font-medium">{s.failure.kind === "platform" ? "The platform failed to evaluate this submission (not counted against your quota)." : "The submitted code failed."}</div>
          {s.failure.reason && <div className="mt-1 font-mono text-xs">{s.failure.reason}</div>}
        </div>
      )}

      <section className="card p-5">
        <h2 className="mb-3 font-semibold">Progress</h2>
        <ul className="space-y-3" data-testid="unit-progress">
          {s.units.map((u) => {
            const p = progressOf(u.progress);
            const pct = u.status === "done" ? 100 : p ? Math.round((100 * p.done) / p.total) : 0;
            return (
              <li key={u.key} className="text-sm">
                <div className="mb-1 flex justify-between">
                  <span>
                    {u.key} <span className="text-slate-400">({u.partition} partition)</span>
                  </span>
                  <span className="text-slate-500">
                    {u.status}
                    {p && u.status === "running" ? ` · ${p.done}/${p.total}` : ""}
                  </span>
                </div>
                <div className="h-2 overflow-hidden rounded-full bg-slate-100">
                  <div className={`h-full ${u.status === "failed" ? "bg-rose-400" : "bg-brand-500"} transition-all`} style={{ width: `${pct}%` }} />
                </div>
                {u.status === "running" && u.atariDetail && <AtariUnitDetail detail={u.atariDetail} />}
              </li>
            );
          })}
        </ul>
      </section>

      <section className="card p-5">
        <h2 className="mb-3 font-semibold">Scores</h2>
        {partitions.length === 0 ? (
          <p className="text-sm text-slate-500">No scores yet.</p>
        ) : (
          <table className="w-full text-sm" data-testid="submission-scores">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-2">Partition</th>
                {columns.map((c) => (
                  <th key={c.name} className="py-2 text-right">{c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {partitions.map((p) => (
                <tr key={p} data-partition={p}>
                  <td className="py-2">{p}</td>
                  {columns.map((c) => {
                    const m = s.scores.find((x) => x.partition === p && x.metric === c.name);
                    return (
                      <td key={c.name} className="py-2 text-right tabular-nums">
                        {m ? <>{formatMetric(c, m.value)} <span className="text-xs text-slate-400">{formatInterval(c, m)}</span></> : "—"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {s.metaworldTasks.length > 0 && (
          <div className="mt-5">
            <h3 className="mb-2 text-sm font-semibold">Per task</h3>
            <MetaWorldTaskTable rows={s.metaworldTasks} />
          </div>
        )}
        {s.atariGames.length > 0 && (
          <div className="mt-5">
            <h3 className="mb-2 text-sm font-semibold">Per game</h3>
            <AtariGameTable rows={s.atariGames} />
          </div>
        )}
        {!s.privateRevealed && <p className="mt-3 text-xs text-slate-500">Private-partition scores stay hidden until the phase&apos;s reveal time.</p>}
      </section>

      {(atariPlots?.games || atariPlots?.curves || atariPlots?.profile) && (
        <div className="grid gap-4">
          {atariPlots.games && (
            <figure className="card space-y-2 p-5">
              <figcaption className="text-sm font-semibold">Human-normalized score per game</figcaption>
              {/* SVG rendered on the server by Vega from our own spec; every data string in it is escaped by the renderer. */}
              <div className="overflow-x-auto" data-testid="plot-games" dangerouslySetInnerHTML={{ __html: atariPlots.games }} />
            </figure>
          )}
          {atariPlots.profile && (
            <figure className="card space-y-2 p-5">
              <figcaption className="text-sm font-semibold">Performance profile</figcaption>
              <div className="overflow-x-auto" data-testid="plot-profile" dangerouslySetInnerHTML={{ __html: atariPlots.profile }} />
              <p className="text-xs text-slate-500">
                The fraction of runs × games whose human-normalized score exceeds τ, with 95% bands from 2,000 stratified bootstrap resamples.
              </p>
            </figure>
          )}
          {atariPlots.curves && (
            <figure className="card space-y-2 p-5">
              <figcaption className="text-sm font-semibold">Learning curves</figcaption>
              <div className="overflow-x-auto" data-testid="plot-curves" dangerouslySetInnerHTML={{ __html: atariPlots.curves }} />
              <p className="text-xs text-slate-500">
                Return of each learning episode against the agent step at which it ended, averaged in bins of 1/25 of the budget; one line per run.
              </p>
            </figure>
          )}
        </div>
      )}

      <div className="grid gap-4 md:grid-cols-2">
        <section className="card p-5 text-sm" data-testid="method-card">
          <h2 className="mb-3 font-semibold">Method</h2>
          <p className="whitespace-pre-line text-slate-700">{s.method.description || "No description."}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            {s.method.tags.map((t) => <Badge key={t}>{t}</Badge>)}
          </div>
          <div className="mt-3 space-x-4">
            {s.method.paper && <a href={s.method.paper} rel="noopener noreferrer nofollow" target="_blank">Paper</a>}
            {s.method.code && <a href={s.method.code} rel="noopener noreferrer nofollow" target="_blank">Code</a>}
          </div>
          <p className="mt-3 font-mono text-xs text-slate-400">sha256 {s.bundle.sha256.slice(0, 16)}… · {formatBytes(s.bundle.bytes)}</p>
        </section>
        <section className="card p-5 text-sm" data-testid="compute-backend">
          <h2 className="mb-3 font-semibold">Compute</h2>
          {s.compute.length === 0 ? (
            <p className="text-slate-500">Waiting for a worker.</p>
          ) : (
            <ul className="space-y-2">
              {s.compute.map((a, i) => (
                <li key={i} className="flex flex-wrap justify-between gap-2">
                  <span>
                    {a.unit}: <span className="font-medium">{a.backend ?? "starting"}</span>
                    {a.gpu && <span className="text-slate-500"> on {a.gpu}</span>}
                  </span>
                  <span className="text-xs text-slate-500">
                    {a.status} · evaluator {a.evaluatorVersion}
                    {a.wallMs !== null && ` · ${(a.wallMs / 1000).toFixed(1)} s`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {isOrganizer(viewer) && <ModerationPanel id={s.id} isBaseline={s.isBaseline} state={s.moderation?.state ?? "visible"} />}

      {s.log && (
        <section className="card p-5" data-testid="submission-log">
          <h2 className="mb-1 font-semibold">Log</h2>
          <p className="mb-3 text-xs text-slate-500">Visible to you only.</p>
          {s.log.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing logged yet.</p>
          ) : (
            s.log.map((l) => (
              <div key={l.attempt} className="mb-4">
                <div className="mb-1 text-xs text-slate-500">
                  {l.unit} · attempt {l.attempt.slice(0, 8)} · {l.status}
                  {l.error && <span className="text-rose-700"> · {l.error}</span>}
                </div>
                <pre className="max-h-96 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100">{l.log || "(empty)"}</pre>
              </div>
            ))
          )}
        </section>
      )}
    </div>
  );
}
