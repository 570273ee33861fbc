import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { compareQuerySchema, loadComparison, type Comparison } from "@/lib/server/compare";
import { getViewer } from "@/lib/server/viewer";
import { Badge, SyntheticBadge } from "../../../_components/badges";
import { ReportedResults } from "../../../_components/reported-results";
import { ComparePlots } from "./compare-plots";
import { AtariGamesTable, CompareTable, ImprovementTable } from "./compare-tables";

export const metadata = { title: "Compare entries" };

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The leaderboard's form sends `id` once per ticked entry; links use `ids=a,b`. Both are accepted. */
function idsOf(search: Record<string, string | string[] | undefined>): string {
  return [search.ids, search.id]
    .flat()
    .filter((v): v is string => typeof v === "string")
    .join(",");
}

/** The comparison asked for, or what is wrong with the request (an unknown benchmark is the 404 page). */
async function compareOrProblem(
  slug: string,
  search: Record<string, string | string[] | undefined>,
): Promise<Comparison | { problem: string }> {
  const query = compareQuerySchema.safeParse({ ids: idsOf(search), partition: search.partition });
  if (!query.success)
    return { problem: query.error.issues[0]?.message ?? "Pick the entries to compare on the leaderboard." };
  try {
    return await loadComparison({ slug, viewer: await getViewer(), ...query.data });
  } catch (error) {
    if (error instanceof AppError && error.code === "benchmark_not_found") notFound();
    if (!(error instanceof AppError)) throw error;
    return { problem: error.message };
  }
}

function CompareProblem({ slug, problem }: { slug: string; problem: string }) {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Compare entries</h1>
      <div
        className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        data-testid="compare-problem"
      >
        {problem}
      </div>
      <Link href={`/benchmarks/${slug}`}>Back to the leaderboard</Link>
    </div>
  );
}

export default async function ComparePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const comparison = await compareOrProblem(slug, await searchParams);
  if ("problem" in comparison) return <CompareProblem slug={slug} problem={comparison.problem} />;
  const { benchmark, columns, entries } = comparison;
  const primary = columns.find((c) => c.name === comparison.primary)!;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <div className="text-sm text-slate-500">
          <Link href={`/benchmarks/${benchmark.slug}`}>{benchmark.title}</Link> <Badge>v{benchmark.version}</Badge>{" "}
          {benchmark.synthetic && <SyntheticBadge />}
        </div>
        <h1 className="text-2xl font-semibold tracking-tight">
          Compare {entries.length} entries · {comparison.partition} partition
        </h1>
      </div>
      <CompareTable columns={columns} entries={entries} />
      <ImprovementTable comparison={comparison} metricLabel={primary.label} />
      <AtariGamesTable atari={comparison.atari} entries={entries} />
      <ComparePlots comparison={comparison} metricLabel={primary.label} />
      <ReportedResults reported={comparison.reported} />
    </div>
  );
}
