import type { Metadata } from "next";
import { loadBenchmarkPage } from "@/lib/server/benchmark-page";
import { leaderboardQuerySchema } from "@/lib/server/leaderboard";
import { protocolChoices } from "@/lib/server/protocol-choices";
import { getViewer } from "@/lib/server/viewer";
import { orNotFound } from "../../_components/or-not-found";
import { ReportedResults } from "../../_components/reported-results";
import { BenchmarkAbout } from "./benchmark-about";
import { BenchmarkHeader } from "./benchmark-header";
import { FrozenNotice, SealedNotice } from "./board-notices";
import { DisqualifiedEntries } from "./disqualified-entries";
import { LeaderboardFilters } from "./leaderboard-filters";
import { leaderboardLinks } from "./leaderboard-links";
import { LeaderboardTable } from "./leaderboard-table";
import { LeaderboardTabs } from "./leaderboard-tabs";
import { ProtocolAndPhase } from "./protocol-and-phase";
import { ProtocolChoices } from "./protocol-choices";
import { VersionSelector } from "./version-selector";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).slug };
}

export default async function BenchmarkPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const search = await searchParams;
  const query = leaderboardQuerySchema.safeParse(search);
  const { partition, mode, tag, version } = query.success ? query.data : leaderboardQuerySchema.parse({});
  const chosenColumns = typeof search.cols === "string" ? search.cols.split(",").filter(Boolean) : undefined;
  const viewer = await getViewer();
  const { board, sealed, tags, disqualified, versions } = await orNotFound(
    loadBenchmarkPage({ slug, viewer, partition, mode, tag, version }),
  );
  const { benchmark } = board;
  // The primary metric is always shown; the others as the reader chose (all by default).
  const columns = board.columns.filter((c) => c.primary || !chosenColumns || chosenColumns.includes(c.name));
  const isLatest = board.version === benchmark.version;
  const link = leaderboardLinks({
    slug,
    partition: board.partition,
    mode,
    tag,
    cols: chosenColumns,
    version: isLatest ? undefined : board.version,
  });

  return (
    <div className="space-y-6">
      <BenchmarkHeader
        slug={slug}
        benchmark={benchmark}
        version={board.version}
        canSubmit={!!viewer && !!benchmark.phase?.isOpen}
      />
      <LeaderboardTabs slug={slug} board={board} sealed={!!sealed} link={link} />
      <LeaderboardFilters slug={slug} board={board} tags={tags} columns={columns} link={link} />
      {versions.length > 1 && (
        <VersionSelector
          versions={versions.map((v) => ({
            version: v.version,
            entries: v.entries,
            href: link({ version: v.version === benchmark.version ? undefined : String(v.version) }),
          }))}
          shown={board.version}
          latest={benchmark.version}
        />
      )}
      <FrozenNotice phase={benchmark.phase} />
      <SealedNotice sealed={sealed} />
      {/* A plain GET form: ticking entries and comparing works without JavaScript. */}
      <form action={`/benchmarks/${slug}/compare`} method="get" className="space-y-2">
        <input type="hidden" name="partition" value={board.partition} />
        <LeaderboardTable columns={columns} rows={board.rows} partition={board.partition} />
        {board.rows.length > 1 && (
          <div className="flex items-center justify-end gap-3 text-sm text-slate-500">
            Tick two or more entries to see them side by side.
            <button type="submit" className="btn-secondary" data-testid="compare-submit">
              Compare selected
            </button>
          </div>
        )}
      </form>
      <ReportedResults reported={board.reported} />
      <DisqualifiedEntries entries={disqualified} />
      <ProtocolAndPhase spec={board.spec} phase={benchmark.phase} />
      <ProtocolChoices choices={protocolChoices(board.spec)} />
      <BenchmarkAbout about={benchmark.about} />
    </div>
  );
}
