import type { SubmissionView } from "@/lib/server/submission-view";
import { displayText } from "@/lib/core/untrusted-text";

/** The sandbox log of each attempt; the view carries it for the owner only, so others get nothing here. */
export function SubmissionLog({ log }: Pick<SubmissionView, "log">) {
  if (!log) return null;
  return (
    <section className="card p-5" data-testid="submission-log">
      <h2 className="mb-1 font-semibold">Log</h2>
      <p className="mb-3 text-xs text-slate-500">Visible to you only.</p>
      {log.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing logged yet.</p>
      ) : (
        log.map((l) => (
          <div key={l.attempt} className="mb-4">
            <div className="mb-1 text-xs text-slate-500">
              {l.unit} · attempt {l.attempt.slice(0, 8)} · {l.status}
              {l.error && <span className="text-rose-700"> · {displayText(l.error)}</span>}
            </div>
            <pre className="max-h-96 overflow-auto rounded-lg bg-slate-900 p-3 font-mono text-xs text-slate-100">
              {displayText(l.log) || "(empty)"}
            </pre>
          </div>
        ))
      )}
    </section>
  );
}
