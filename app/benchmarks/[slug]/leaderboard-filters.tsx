import Link from "next/link";
import type { MetricColumn } from "@/evaluator/tracks/definitions";
import type { Leaderboard } from "@/lib/server/leaderboard";
import type { LinkTo } from "./leaderboard-links";

function TagFilter({ tags, tag, link }: { tags: string[]; tag: string | undefined; link: LinkTo }) {
  if (tags.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-1">
      <span className="text-slate-500">Method:</span>
      <Link href={link({ tag: undefined })} className={tag ? "px-1" : "px-1 font-semibold"}>
        all
      </Link>
      {tags.map((t) => (
        <Link
          key={t}
          href={link({ tag: t })}
          className={tag === t ? "px-1 font-semibold" : "px-1"}
          data-testid="tag-filter"
        >
          {t}
        </Link>
      ))}
    </div>
  );
}

/** A toggle per secondary column; each link shows the board with that column flipped ("none" when none is left). */
function ColumnToggles({ all, shown, link }: { all: MetricColumn[]; shown: MetricColumn[]; link: LinkTo }) {
  return (
    <div className="flex flex-wrap items-center gap-1">
      <span className="text-slate-500">Columns:</span>
      {all
        .filter((c) => !c.primary)
        .map((c) => {
          const on = shown.includes(c);
          const next = all.filter((x) => !x.primary && (x === c ? !on : shown.includes(x))).map((x) => x.name);
          return (
            <Link
              key={c.name}
              href={link({ cols: next.length ? next.join(",") : "none" })}
              className={on ? "px-1 font-semibold" : "px-1 text-slate-400 line-through"}
              data-testid="column-toggle"
            >
              {c.label}
            </Link>
          );
        })}
    </div>
  );
}

/** The method-tag filter, the column toggles, and links to the About page, the reveal comparison and open data. */
export function LeaderboardFilters(props: {
  slug: string;
  board: Leaderboard;
  tags: string[];
  columns: MetricColumn[];
  link: LinkTo;
}) {
  const { slug, board, link } = props;
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm" data-testid="leaderboard-filters">
      <TagFilter tags={props.tags} tag={board.tag} link={link} />
      <ColumnToggles all={board.columns} shown={props.columns} link={link} />
      <div className="ml-auto flex gap-3">
        <Link href={`/benchmarks/${slug}/about`} data-testid="about-link">
          About &amp; citation
        </Link>
        {board.benchmark.phase?.privateRevealed && (
          <Link href={`/benchmarks/${slug}/reveal`} data-testid="reveal-link">
            Public vs private
          </Link>
        )}
        <Link href={`/docs/open-data#${slug}`}>Open data</Link>
      </div>
    </div>
  );
}
