import { listSoloEntryIds } from "@/db/queries/leaderboard";
import { AppError } from "@/lib/core/errors";
import { idSchema, quoteValue } from "@/lib/http/identifiers";
import { getDatabase } from "./context";
import { loadLeaderboard } from "./leaderboard";
import type { Viewer } from "@/lib/benchmark-access";

/** An entrant's standing on the public leaderboard (best entry per team or solo user). */
export async function loadStanding(input: { slug: string; entrant: string; viewer: Viewer }) {
  const board = await loadLeaderboard({ slug: input.slug, viewer: input.viewer, partition: "public", mode: "best" });
  let row = board.rows.find((r) => r.teamId === input.entrant);
  // An entrant that is not an id cannot be ranked: the same 404, without asking the database.
  if (!row && idSchema.safeParse(input.entrant).success) {
    const solo = await listSoloEntryIds(getDatabase().db, { benchmarkId: board.benchmark.id, userId: input.entrant });
    row = board.rows.find((r) => r.teamId === null && solo.has(r.submissionId));
  }
  if (!row)
    throw new AppError(
      "entrant_not_ranked",
      `No ranked entry of ${quoteValue(input.entrant)} on '${board.benchmark.slug}'.`,
      404,
    );
  const primary = board.columns.find((c) => c.primary) ?? board.columns[0]!;
  const m = row.metrics[primary.name];
  return {
    benchmark: { slug: board.benchmark.slug, title: board.benchmark.title, version: board.benchmark.version },
    entrant: row.entrant,
    entry: { id: row.submissionId, name: row.name },
    rank: row.rank,
    tier: row.tier,
    of: board.rows.length,
    metric: {
      name: primary.name,
      label: primary.label,
      value: m?.value ?? null,
      ciLow: m?.ciLow ?? null,
      ciHigh: m?.ciHigh ?? null,
    },
    score: m ? (primary.format === "percent" ? `${(m.value * 100).toFixed(1)}%` : m.value.toFixed(3)) : "—",
  };
}
export type Standing = Awaited<ReturnType<typeof loadStanding>>;

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A two-part badge, "<benchmark> | #rank of n · score", sized by an estimate of its text width. */
export function standingBadgeSvg(standing: Standing): string {
  const left = standing.benchmark.slug;
  const right = `#${standing.rank} of ${standing.of} · ${standing.metric.label} ${standing.score}`;
  const width = (text: string) => Math.round(text.length * 6.5) + 12;
  const [lw, rw] = [width(left), width(right)];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + rw}" height="20" role="img" aria-label="${escapeXml(`${left}: ${right}`)}">`,
    `<title>${escapeXml(`${standing.entrant} on ${standing.benchmark.title} (v${standing.benchmark.version}): ${right}`)}</title>`,
    `<rect width="${lw}" height="20" fill="#334155"/><rect x="${lw}" width="${rw}" height="20" fill="#4f46e5"/>`,
    `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="6" y="14">${escapeXml(left)}</text><text x="${lw + 6}" y="14">${escapeXml(right)}</text>`,
    `</g></svg>`,
  ].join("");
}
