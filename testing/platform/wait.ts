import type postgres from "postgres";
import { subscribe } from "@/lib/events";

/** How long a test waits for the platform before it fails: generous, since evaluations share a loaded machine. */
const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Waits until `check` returns a value (anything but undefined) and returns it. It checks once at the start, then again
 * each time the platform publishes a live event (PostgreSQL NOTIFY on the events channel, heard with LISTEN on a
 * connection of `sql`), and fails after `timeoutMs`, naming `what`. For conditions that a write announces with its
 * event: a submission queued, running, scored, failed or cancelled, a unit's progress.
 */
export async function waitForEvent<T>(
  sql: postgres.Sql,
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  let heard = 0;
  let wake = () => {};
  const unlisten = await subscribe(sql, () => {
    heard += 1;
    wake();
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const before = heard;
      const value = await check();
      if (value !== undefined) return value;
      // An event heard while checking may be the one that made it true: check again at once.
      if (heard !== before) continue;
      const timedOut = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), Math.max(0, deadline - Date.now()));
        wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      wake = () => {};
      if (timedOut) {
        const unannounced = (await check()) !== undefined ? "; it holds now, but no event announced it" : "";
        throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (${heard} events heard${unannounced})`);
      }
    }
  } finally {
    await unlisten();
  }
}

/**
 * Polls `check` every 100 ms until it returns a value (anything but undefined), failing after `timeoutMs` with
 * `what`. Only for conditions no event announces: processes, HTTP answers, pg-boss job states, sandbox start.
 */
export async function pollFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
