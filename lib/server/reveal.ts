import { countEntrantSubmissions, getLeaderboard } from "@/db/queries/leaderboard";
import { getBenchmarkView, type Viewer } from "@/db/queries/views";
import { trackFor } from "@/evaluator/tracks";
import { AppError } from "@/lib/errors";
import { getDatabase } from "./context";
import { assertPartitionVisible } from "./leaderboard";
import { renderSvg, revealPlot } from "./plots";

/**
 * After the reveal: each entrant's selected entry (its best on the public partition) with its public and private
 * score, the entrant's number of submissions, and its rank on each partition among the selected entries, so
 * overfitting to the public split shows as a drop. Before the reveal: 403, as for the private leaderboard.
 */
export async function loadRevealAnalysis(input: { slug: string; viewer: Viewer }) {
  const { db } = getDatabase();
  const benchmark = await getBenchmarkView(db, { slug: input.slug, viewer: input.viewer });
  if (!benchmark) throw new AppError("benchmark_not_found", `No benchmark named '${input.slug}'.`, 404);
  assertPartitionVisible(benchmark, "private");
  const columns = trackFor(benchmark.spec).metrics;
  const primary = columns.find((c) => c.primary) ?? columns[0]!;
  const base = { benchmarkId: benchmark.id, primary: { name: primary.name, higherIsBetter: primary.higherIsBetter } };
  const [selected, everyPrivate] = await Promise.all([
    getLeaderboard(db, { ...base, partition: "public", mode: "best" }),
    getLeaderboard(db, { ...base, partition: "private", mode: "all" }),
  ]);
  const privateValue = new Map(everyPrivate.map((r) => [r.submissionId, r.metrics[primary.name]?.value]));
  const counts = await countEntrantSubmissions(db, selected.map((r) => r.submissionId));
  const sign = primary.higherIsBetter ? -1 : 1;
  const privateOrder = selected
    .filter((r) => privateValue.get(r.submissionId) !== undefined)
    .sort((a, b) => sign * (privateValue.get(a.submissionId)! - privateValue.get(b.submissionId)!));
  const rows = selected.map((r) => {
    const privateRank = privateOrder.indexOf(r) + 1 || null;
    return {
      submissionId: r.submissionId,
      name: r.name,
      entrant: r.entrant,
      isBaseline: r.isBaseline,
      submissions: counts.get(r.submissionId) ?? 1,
      public: r.metrics[primary.name]?.value ?? null,
      private: privateValue.get(r.submissionId) ?? null,
      publicRank: r.rank,
      privateRank,
      /** Positive: climbed on the private partition; negative: fell. */
      rankChange: privateRank === null ? null : r.rank - privateRank,
    };
  });
  const points = rows.flatMap((r) =>
    (["public", "private"] as const).flatMap((partition) =>
      r[partition] === null ? [] : [{ entrant: r.isBaseline ? `${r.name} (baseline)` : r.entrant, submissions: r.submissions, partition, value: r[partition]! }],
    ),
  );
  const plot = points.length ? await renderSvg(revealPlot(points, { label: primary.label, percent: primary.format === "percent" })) : undefined;
  return { benchmark: { slug: benchmark.slug, title: benchmark.title, version: benchmark.version }, metric: primary, rows, plot };
}
export type RevealAnalysis = Awaited<ReturnType<typeof loadRevealAnalysis>>;
