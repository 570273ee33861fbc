import { Fragment } from "react";
import type { SpecSummary } from "@/lib/server/spec-summary";

/** The Protocol box of an Atari or Meta-World benchmark: its games or tasks and the budgets of one unit. */
export function RlProtocol({ summary }: { summary: SpecSummary }) {
  return (
    <dl className="grid grid-cols-2 gap-y-1 text-slate-600" data-testid="rl-protocol">
      <dt>
        {summary.tasksLabel} ({summary.tasks.length})
      </dt>
      <dd>{summary.tasks.join(", ")}</dd>
      {summary.budget.map((b) => (
        <Fragment key={b.label}>
          <dt>{b.label}</dt>
          <dd>{b.value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
