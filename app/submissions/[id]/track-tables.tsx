import type { AtariGameRow, AtariProgressDetail, MetaWorldTaskRow, TaskScore } from "@/lib/server/track-tables";

const percent = (v: number) => `${(100 * v).toFixed(1)}%`;
const number = (v: number) => v.toFixed(1);

function Score({ score, format }: { score: TaskScore | undefined; format: (v: number) => string }) {
  if (!score) return <>—</>;
  return (
    <>
      {format(score.value)}
      {score.ciLow !== null && score.ciHigh !== null && (
        <span className="text-xs text-slate-400">
          {" "}
          [{format(score.ciLow)}, {format(score.ciHigh)}]
        </span>
      )}
    </>
  );
}

/** Meta-World: success rate and mean evaluation return per task, with their 95% intervals when computed. */
export function MetaWorldTaskTable({ rows }: { rows: MetaWorldTaskRow[] }) {
  return (
    <table className="w-full text-sm" data-testid="metaworld-tasks">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-2">Partition</th>
          <th className="py-2">Task</th>
          <th className="py-2 text-right">Success</th>
          <th className="py-2 text-right">Return</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={`${r.partition}/${r.task}`}>
            <td className="py-2">{r.partition}</td>
            <td className="py-2 font-mono text-xs">{r.task}</td>
            <td className="py-2 text-right tabular-nums">
              <Score score={r.success} format={percent} />
            </td>
            <td className="py-2 text-right tabular-nums">
              <Score score={r.return} format={number} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Atari: mean evaluation return and human-normalized score per game. */
export function AtariGameTable({ rows }: { rows: AtariGameRow[] }) {
  return (
    <table className="w-full text-sm" data-testid="atari-games">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-2">Partition</th>
          <th className="py-2">Game</th>
          <th className="py-2 text-right">Runs</th>
          <th className="py-2 text-right">Mean return</th>
          <th className="py-2 text-right">HNS</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={`${r.partition}/${r.game}`}>
            <td className="py-2">{r.partition}</td>
            <td className="py-2">{r.game}</td>
            <td className="py-2 text-right tabular-nums">{r.runs}</td>
            <td className="py-2 text-right tabular-nums">{number(r.meanReturn)}</td>
            <td className="py-2 text-right tabular-nums">{r.hns.toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where a running Atari unit is: learning steps or evaluation games so far, and its latest episode returns. */
export function AtariUnitDetail({ detail }: { detail: AtariProgressDetail }) {
  return (
    <div className="mt-1 text-xs text-slate-500" data-testid="atari-unit-detail">
      {detail.phase === "learning"
        ? `learning: ${detail.steps.toLocaleString("en-US")} / ${detail.learningSteps.toLocaleString("en-US")} steps · ${detail.episodes} episodes`
        : `evaluation: ${detail.episodes} / ${detail.evalEpisodes} games`}
      {detail.recentReturns.length > 0 && <> · recent returns {detail.recentReturns.map(number).join(", ")}</>}
    </div>
  );
}
