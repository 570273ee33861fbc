import type { SubmissionView } from "@/lib/server/submission-view";
import { AtariUnitDetail } from "./track-tables";

type Unit = SubmissionView["units"][number];

function progressOf(progress: Record<string, unknown> | null): { done: number; total: number } | undefined {
  const done = progress?.done,
    total = progress?.total;
  return typeof done === "number" && typeof total === "number" && total > 0 ? { done, total } : undefined;
}

function UnitBar({ unit: u }: { unit: Unit }) {
  const p = progressOf(u.progress);
  const pct = u.status === "done" ? 100 : p ? Math.round((100 * p.done) / p.total) : 0;
  return (
    <li className="text-sm">
      <div className="mb-1 flex justify-between">
        <span>
          {u.key} <span className="text-slate-400">({u.partition} partition)</span>
        </span>
        <span className="text-slate-500">
          {u.status}
          {p && u.status === "running" ? ` · ${p.done}/${p.total}` : ""}
        </span>
      </div>
      <div className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div
          className={`h-full ${u.status === "failed" ? "bg-rose-400" : "bg-brand-500"} transition-all`}
          style={{ width: `${pct}%` }}
        />
      </div>
      {u.status === "running" && u.atariDetail && <AtariUnitDetail detail={u.atariDetail} />}
    </li>
  );
}

/** One bar per unit of work (an episode batch, a game × seed, a task), with a running Atari unit's detail. */
export function UnitProgress({ units }: { units: Unit[] }) {
  return (
    <section className="card p-5">
      <h2 className="mb-3 font-semibold">Progress</h2>
      <ul className="space-y-3" data-testid="unit-progress">
        {units.map((u) => (
          <UnitBar key={u.key} unit={u} />
        ))}
      </ul>
    </section>
  );
}
