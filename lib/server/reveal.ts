import { countEntrantSubmissions } from "@/db/queries/leaderboard";
import { getLeaderboard } from "@/lib/ranking";
import type { Viewer } from "@/lib/benchmark-access";
import { getBenchmarkView } from "./benchmark-view";
import { findBenchmarkVersion } from "@/lib/benchmark-versions";
import { definitionFor } from "@/evaluator/tracks/definitions";
import { AppError } from "@/lib/core/errors";
import { getDatabase } from "./context";
import { assertPartitionVisible } from "./leaderboard";
import { renderSvg, revealPlot } from "./plots";

/**
 * After the reveal: each entrant's final entry (its best on the public partition, or the best its team chose where the
 * phase lets teams choose: the entry the private leaderboard ranks) with its public and private
 * score, the entrant's number of submissions, and its rank on each partition among the selected entries, so
 * overfitting to the public split shows as a drop. Before the reveal: 403, as for the private leaderboard.
 */
export async function loadRevealAnalysis(input: { slug: string; viewer: Viewer }) {
  const { db } = getDatabase();
  const benchmark = await getBenchmarkView(db, { slug: input.slug, viewer: input.viewer });
  if (!benchmark) throw new AppError("benchmark_not_found", `No benchmark named '${input.slug}'.`, 404);
  assertPartitionVisible(benchmark, "private");
  const columns = definitionFor(benchmark.spec).metrics;
  const primary = columns.find((c) => c.primary) ?? columns[0]!;
  // The latest version's entries: scores of different versions are not comparable.
  const latest = await findBenchmarkVersion(db, { benchmarkId: benchmark.id, version: benchmark.version });
  const base = {
    benchmarkId: benchmark.id,
    versionId: latest!.id,
    primary: { name: primary.name, higherIsBetter: primary.higherIsBetter },
  };
  // Each entrant's final entry, as the private leaderboard ranks it (its best public one, or the one its team chose).
  const finalEntries = benchmark.phase?.finalSelectionLimit == null ? ("best-public" as const) : ("chosen" as const);
  const [finals, everyPublic, everyPrivate] = await Promise.all([
    getLeaderboard(db, { ...base, partition: "private", mode: "best", finalEntries }),
    getLeaderboard(db, { ...base, partition: "public", mode: "all" }),
    getLeaderboard(db, { ...base, partition: "private", mode: "all" }),
  ]);
  const isFinal = new Set(finals.map((r) => r.submissionId));
  const selected = everyPublic.filter((r) => isFinal.has(r.submissionId)).map((r, i) => ({ ...r, rank: i + 1 }));
  const privateValue = new Map(everyPrivate.map((r) => [r.submissionId, r.metrics[primary.name]?.value]));
  const counts = await countEntrantSubmissions(
    db,
    selected.map((r) => r.submissionId),
  );
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
      r[partition] === null
        ? []
        : [
            {
              entrant: r.isBaseline ? `${r.name} (baseline)` : r.entrant,
              submissions: r.submissions,
              partition,
              value: r[partition]!,
            },
          ],
    ),
  );
  const plot = points.length
    ? await renderSvg(revealPlot(points, { label: primary.label, percent: primary.format === "percent" }))
    : undefined;
  return {
    benchmark: { slug: benchmark.slug, title: benchmark.title, version: benchmark.version },
    metric: primary,
    rows,
    plot,
  };
}
export type RevealAnalysis = Awaited<ReturnType<typeof loadRevealAnalysis>>;
