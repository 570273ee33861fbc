"use client";

import { callApi } from "../../_components/api";
import { useAction } from "../../_components/use-action";

/** Stops a queued or running submission; shown to those who may (its owner, its team, organizers). */
export function CancelButton({ id }: { id: string }) {
  const { run, error, busy } = useAction();
  const cancel = () => {
    if (!window.confirm("Cancel this evaluation? Units already finished keep their results; nothing more is scored."))
      return;
    void run(() => callApi("POST", `/api/submissions/${id}/cancel`));
  };
  return (
    <div className="flex flex-col items-end gap-1">
      <button className="btn-secondary" disabled={busy} onClick={cancel} data-testid="cancel-submission">
        {busy ? "Cancelling…" : "Cancel evaluation"}
      </button>
      {error && (
        <p className="text-xs text-rose-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
