"use client";

import { callApi } from "../../_components/api";
import { useAction } from "../../_components/use-action";

type Props = { id: string; choice: { limit: number; selected: boolean; chosen: number; open: boolean } };

/** The team's choice of this entry for the final ranking (phases where teams choose up to N entries). */
export function FinalChoice({ id, choice }: Props) {
  const { run, error, busy } = useAction();
  const full = !choice.selected && choice.chosen >= choice.limit;
  return (
    <section className="card space-y-2 p-5 text-sm" data-testid="final-choice">
      <h2 className="font-semibold">Final ranking</h2>
      <p className="text-slate-600" data-testid="final-choice-state">
        {choice.selected ? "Chosen for the final ranking." : "Not chosen."} {choice.chosen} of {choice.limit} entries
        chosen. The best chosen entry on the private partition ranks; with none chosen, the best public entry does.
      </p>
      {choice.open ? (
        <button
          className="btn-secondary"
          disabled={busy || full}
          onClick={() =>
            run(() => callApi("PUT", `/api/submissions/${id}/final-choice`, { selected: !choice.selected }))
          }
          data-testid="final-choice-toggle"
        >
          {choice.selected ? "Unchoose" : full ? `${choice.limit} already chosen` : "Choose for the final ranking"}
        </button>
      ) : (
        <p className="text-slate-500">The phase has closed: the choice is final.</p>
      )}
      {error && (
        <p className="text-rose-700" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
