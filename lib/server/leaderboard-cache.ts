import type { LeaderboardQuery, LeaderboardRow } from "@/lib/ranking";
import { onLiveEvent } from "./live";

/** A safety net only: entries are dropped as soon as a submission of their benchmark changes state. */
const TTL_MS = 30_000;

const entries = new Map<string, { at: number; rows: Promise<LeaderboardRow[]> }>();
let watching: Promise<boolean> | undefined;

/**
 * Drops a benchmark's cached rows. Every replica does so on the change's NOTIFY; the process that made a change calls
 * it at once too, so its own next read never races the notification.
 */
export function dropCachedLeaderboards(benchmarkId: string): void {
  for (const key of entries.keys()) if (key.startsWith(`${benchmarkId}:`)) entries.delete(key);
}

/** Drops a benchmark's entries on every submission event (every web replica hears the worker's NOTIFY). */
function watch(): Promise<boolean> {
  watching ??= onLiveEvent((event) => {
    if (event.type === "submission") dropCachedLeaderboards(event.benchmarkId);
  }).then(
    () => true,
    () => {
      watching = undefined;
      return false;
    },
  );
  return watching;
}

/**
 * Leaderboard rows are the same for every reader (public submissions only; who may read a partition is checked
 * before this), so one process computes them once per change instead of once per request.
 * Without a working LISTEN connection nothing is cached.
 */
export async function cachedLeaderboardRows(
  query: LeaderboardQuery,
  load: () => Promise<LeaderboardRow[]>,
): Promise<LeaderboardRow[]> {
  if (!(await watch())) return load();
  const key = [
    query.benchmarkId,
    query.versionId,
    query.partition,
    query.mode,
    query.primary.name,
    query.tag ?? "",
    query.createdBefore?.toISOString() ?? "",
    query.finalEntries ?? "",
  ].join(":");
  const hit = entries.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.rows;
  // The promise goes in at once: concurrent readers share one query, and an invalidation during the query drops it.
  const rows = load();
  entries.set(key, { at: Date.now(), rows });
  rows.catch(() => entries.get(key)?.rows === rows && entries.delete(key));
  return rows;
}
