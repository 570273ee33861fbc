import Link from "next/link";
import type { ReevaluationStatus } from "@/lib/submissions/reevaluation-status";
import { LiveRefresh } from "../../_components/live-refresh";
import { ReevaluateButton } from "./reevaluate-button";

const STATES = ["queued", "running", "scored", "failed"] as const;
const BAR: Record<(typeof STATES)[number], string> = {
  queued: "bg-slate-300",
  running: "bg-amber-400",
  scored: "bg-emerald-500",
  failed: "bg-rose-500",
};

/** Re-evaluating older versions' entries on the latest one: the button, what is left, what is skipped and why, and live progress. */
export function ReevaluationSection({ slug, status }: { slug: string; status: ReevaluationStatus }) {
  const { progress } = status;
  return (
    <section className="card space-y-4 p-5" data-testid="reevaluation">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="font-semibold">Versions and re-evaluation</h2>
          <p className="text-sm text-slate-600">
            The benchmark is at v{status.version}. Entries keep the scores of the version they ran on;{" "}
            <Link href={`/benchmarks/${slug}`}>older versions&apos; leaderboards</Link> stay readable. Re-evaluations
            run the same bundles on v{status.version}, after competitors&apos; and baselines&apos; jobs, and use no
            quota.
          </p>
        </div>
        {progress.total > 0 && <LiveRefresh source={`/api/events?benchmark=${encodeURIComponent(slug)}`} />}
      </div>
      {status.hasOlderVersions ? (
        <>
          <p className="text-sm text-slate-700" data-testid="reevaluation-pending">
            {status.pending === 0
              ? "Every entry of the older versions that can run on this one has been re-evaluated."
              : `${status.pending} entr${status.pending === 1 ? "y" : "ies"} from older versions not yet re-evaluated.`}
          </p>
          <ReevaluateButton slug={slug} version={status.version} pending={status.pending} />
        </>
      ) : (
        <p className="text-sm text-slate-500">This benchmark has a single version: nothing to re-evaluate.</p>
      )}
      {progress.total > 0 && (
        <div className="space-y-2" data-testid="reevaluation-progress">
          <div className="flex h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
            {STATES.map(
              (s) =>
                progress[s] > 0 && (
                  <div key={s} className={BAR[s]} style={{ width: `${(100 * progress[s]) / progress.total}%` }} />
                ),
            )}
          </div>
          <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-600">
            <div>
              <dt className="inline">Total</dt>{" "}
              <dd className="inline font-semibold tabular-nums" data-testid="reevaluation-total">
                {progress.total}
              </dd>
            </div>
            {STATES.map((s) => (
              <div key={s}>
                <dt className="inline">{s}</dt>{" "}
                <dd className="inline font-semibold tabular-nums" data-testid={`reevaluation-${s}`}>
                  {progress[s]}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {status.skipped.length > 0 && (
        <details className="text-sm" data-testid="reevaluation-skipped">
          <summary className="cursor-pointer text-slate-600">
            {status.skipped.length} not re-evaluated, with the reason
          </summary>
          <ul className="mt-2 space-y-1 text-slate-600">
            {status.skipped.map((s) => (
              <li key={s.submissionId}>
                <Link href={`/submissions/${s.submissionId}`}>{s.name}</Link> (v{s.fromVersion}): {s.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
