"use client";

import { useState } from "react";
import type { ReevaluationResult } from "@/lib/submissions/reevaluate";
import { callApi } from "../../_components/api";
import { useAction } from "../../_components/use-action";
import { useHydrated } from "../../_components/use-hydrated";

/** Queues the missing re-evaluations on the latest version and says what it did; running it twice queues nothing new. */
export function ReevaluateButton({ slug, version, pending }: { slug: string; version: number; pending: number }) {
  const hydrated = useHydrated();
  const { run, error, busy } = useAction();
  const [result, setResult] = useState<ReevaluationResult>();
  const reevaluate = () =>
    run(() => callApi<ReevaluationResult>("POST", `/api/benchmarks/${slug}/reevaluate`)).then((r) => r && setResult(r));

  return (
    <div className="space-y-2">
      <button
        type="button"
        className="btn"
        disabled={!hydrated || busy || pending === 0}
        onClick={reevaluate}
        data-testid="reevaluate-button"
      >
        Re-evaluate every entry on v{version}
      </button>
      {error && (
        <p className="text-sm text-rose-700" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p className="text-sm text-slate-700" role="status" data-testid="reevaluate-result">
          Queued {result.created.length} re-evaluation{result.created.length === 1 ? "" : "s"} on v{result.version}
          {result.skipped.length > 0 && `; ${result.skipped.length} skipped (listed below)`}
          {result.alreadyReevaluated > 0 && `; ${result.alreadyReevaluated} already re-evaluated`}.
        </p>
      )}
    </div>
  );
}
