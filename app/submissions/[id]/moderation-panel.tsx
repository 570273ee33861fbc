"use client";

import { useState } from "react";
import { callApi } from "../../_components/api";
import { useAction } from "../../_components/use-action";

/** Organizer controls on an entry: a ruling with its reason (kept in the audit log) and the baseline mark. */
export function ModerationPanel({ id, isBaseline, state }: { id: string; isBaseline: boolean; state: string }) {
  const { run, error, busy } = useAction();
  const [reason, setReason] = useState("");
  const rule = (next: string) =>
    run(() => callApi("POST", `/api/submissions/${id}/moderation`, { state: next, reason })).then(
      (r) => r && setReason(""),
    );
  return (
    <section className="card space-y-3 p-5 text-sm" data-testid="moderation-panel">
      <h2 className="font-semibold">Moderation</h2>
      <p className="text-slate-500">
        Current ruling:{" "}
        <span className="font-medium text-slate-800" data-testid="moderation-state">
          {state}
        </span>
      </p>
      <label className="block">
        <span className="label">Reason (kept in the audit log; shown with a disqualification)</span>
        <input
          className="input"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="moderation-reason"
        />
      </label>
      {error && (
        <p className="text-rose-700" role="alert">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button className="btn-secondary" disabled={busy} onClick={() => rule("hidden")} data-testid="moderation-hide">
          Hide
        </button>
        <button
          className="btn-secondary"
          disabled={busy}
          onClick={() => rule("disqualified")}
          data-testid="moderation-disqualify"
        >
          Disqualify
        </button>
        <button className="btn-secondary" disabled={busy} onClick={() => rule("visible")}>
          Reinstate
        </button>
        <button
          className="btn-secondary"
          disabled={busy}
          onClick={() => run(() => callApi("PUT", `/api/submissions/${id}/baseline`, { isBaseline: !isBaseline }))}
          data-testid="moderation-baseline"
        >
          {isBaseline ? "Unmark baseline" : "Mark as baseline"}
        </button>
      </div>
    </section>
  );
}
