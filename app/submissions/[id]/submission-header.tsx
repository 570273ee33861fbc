import Link from "next/link";
import type { SubmissionView } from "@/lib/server/submission-view";
import { Badge, StatusBadge, SyntheticBadge } from "../../_components/badges";
import { formatDate } from "../../_components/format";
import { LiveRefresh } from "../../_components/live-refresh";
import { CancelButton } from "./cancel-button";

/** Which version's entry this is re-evaluated from, or on which later versions it was re-evaluated. */
function ReevaluationLinks({ s }: { s: SubmissionView }) {
  return (
    <>
      {s.reevaluationOf && (
        <div className="text-sm text-slate-600" data-testid="reevaluated-from">
          Evaluated on v{s.version}, re-evaluated from{" "}
          <Link href={`/submissions/${s.reevaluationOf.id}`}>v{s.reevaluationOf.version}</Link>: the same bundle, run
          again by the organizers.
        </div>
      )}
      {s.reevaluations.length > 0 && (
        <div className="text-sm text-slate-600" data-testid="reevaluations">
          Evaluated on v{s.version}; re-evaluated on{" "}
          {s.reevaluations.map((r, i) => (
            <span key={r.id}>
              {i > 0 && ", "}
              <Link href={`/submissions/${r.id}`}>v{r.version}</Link>{" "}
              <span className="text-slate-400">({r.status})</span>
            </span>
          ))}
          .
        </div>
      )}
    </>
  );
}

/** The entry's benchmark and version, name, badges and authorship; cancel and the live refresh while it runs. */
export function SubmissionHeader({
  s,
  canCancel,
  finished,
}: {
  s: SubmissionView;
  canCancel: boolean;
  finished: boolean;
}) {
  return (
    <div className="flex flex-wrap items-start justify-between gap-4">
      <div className="space-y-1">
        <div className="text-sm text-slate-500">
          <Link href={`/benchmarks/${s.benchmark.slug}`}>{s.benchmark.title}</Link>{" "}
          <Link href={`/benchmarks/${s.benchmark.slug}?version=${s.version}`} data-testid="submission-version">
            v{s.version}
          </Link>{" "}
          {s.benchmark.synthetic && <SyntheticBadge />}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="submission-name">
            {s.name}
          </h1>
          <StatusBadge status={s.status} />
          {s.isBaseline && <Badge tone="info">baseline</Badge>}
          {s.visibility === "private" && <Badge>private</Badge>}
          <Badge>{s.kind}</Badge>
        </div>
        <div className="text-sm text-slate-500">
          by {s.entrant} · submitted {formatDate(s.createdAt)}
          {s.finishedAt && <> · finished {formatDate(s.finishedAt)}</>}
        </div>
        <ReevaluationLinks s={s} />
      </div>
      <div className="flex items-start gap-3">
        {canCancel && <CancelButton id={s.id} />}
        {!finished && <LiveRefresh source={`/api/events?submission=${encodeURIComponent(s.id)}`} />}
      </div>
    </div>
  );
}
