import Link from "next/link";

type Props = {
  /** Newest first, each with its number of public scored entries and the link to its leaderboard. */
  versions: { version: number; entries: number; href: string }[];
  shown: number;
  latest: number;
};

/** Links to each version's leaderboard: results stay tied to the version that produced them, so old boards stay readable. */
export function VersionSelector({ versions, shown, latest }: Props) {
  return (
    <div className="space-y-2" data-testid="version-selector">
      <nav className="flex flex-wrap items-center gap-1 text-sm" aria-label="Benchmark version">
        <span className="text-slate-500">Version:</span>
        {versions.map((v) => (
          <Link
            key={v.version}
            href={v.href}
            className={v.version === shown ? "px-1 font-semibold" : "px-1"}
            aria-current={v.version === shown ? "page" : undefined}
            data-testid="version-link"
          >
            v{v.version}
            {v.version === latest ? " (latest)" : ""}
            <span className="ml-1 text-xs font-normal text-slate-400">
              {v.entries} {v.entries === 1 ? "entry" : "entries"}
            </span>
          </Link>
        ))}
      </nav>
      {shown !== latest && (
        <div
          className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700"
          data-testid="old-version-notice"
        >
          This is the leaderboard of v{shown}, kept as it was scored. The benchmark is now at v{latest}:{" "}
          <Link href={versions.find((v) => v.version === latest)?.href ?? "?"}>see the current leaderboard</Link>.
        </div>
      )}
    </div>
  );
}
