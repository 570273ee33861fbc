import { sql } from "drizzle-orm";
import type { Db } from "../client";

/**
 * Counts one attempt against `key` in a fixed window, atomically (one upsert, so every web process shares the
 * count): a window older than `windowMs` restarts at `now` with a count of 1. Returns the window and its count.
 */
export async function countAttempt(
  db: Db,
  input: { key: string; now: Date; windowMs: number },
): Promise<{ windowStart: Date; count: number }> {
  const expired = sql`rate_limits.window_start <= ${new Date(input.now.getTime() - input.windowMs).toISOString()}::timestamptz`;
  const [row] = await db.execute<{ window_start: string | Date; count: number }>(sql`
    insert into rate_limits (key, window_start, count) values (${input.key}, ${input.now.toISOString()}::timestamptz, 1)
    on conflict (key) do update set
      window_start = case when ${expired} then excluded.window_start else rate_limits.window_start end,
      count = case when ${expired} then 1 else rate_limits.count + 1 end
    returning window_start, count`);
  return { windowStart: new Date(row!.window_start), count: Number(row!.count) };
}
