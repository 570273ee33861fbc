"use client";

import { callApi } from "../../_components/api";
import { useAction } from "../../_components/use-action";

/** Creates the benchmark from its definition; the page re-renders without it once created. */
export function CreateButton({ slug }: { slug: string }) {
  const { run, error, busy } = useAction();
  return (
    <div className="space-y-1 text-right">
      <button
        type="button"
        className="btn"
        disabled={busy}
        data-testid="create-from-definition"
        onClick={() => void run(() => callApi("POST", "/api/benchmarks/from-definition", { slug }))}
      >
        {busy ? "Creating…" : "Create"}
      </button>
      {error && (
        <p className="text-xs text-rose-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
