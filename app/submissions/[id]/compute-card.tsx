import type { SubmissionView } from "@/lib/server/submission-view";

/** Where each unit ran: its backend and GPU, the attempt's state, the evaluator version and the wall time. */
export function ComputeCard({ compute }: Pick<SubmissionView, "compute">) {
  return (
    <section className="card p-5 text-sm" data-testid="compute-backend">
      <h2 className="mb-3 font-semibold">Compute</h2>
      {compute.length === 0 ? (
        <p className="text-slate-500">Waiting for a worker.</p>
      ) : (
        <ul className="space-y-2">
          {compute.map((a, i) => (
            <li key={i} className="flex flex-wrap justify-between gap-2">
              <span>
                {a.unit}: <span className="font-medium">{a.backend ?? "starting"}</span>
                {a.gpu && <span className="text-slate-500"> on {a.gpu}</span>}
              </span>
              <span className="text-xs text-slate-500">
                {a.status} · evaluator {a.evaluatorVersion}
                {a.wallMs !== null && ` · ${(a.wallMs / 1000).toFixed(1)} s`}
                {a.fault === "platform" && " · platform fault: retried, not charged"}
                {a.fault === "user" && " · failed by the submitted code"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
