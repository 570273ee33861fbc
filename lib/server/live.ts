import type { LiveEvent } from "@/lib/jobs";
import { subscribe } from "@/lib/events";
import { getDatabase } from "./context";

type Listener = (event: LiveEvent) => void;

const listeners = new Set<Listener>();
let listening: Promise<() => Promise<void>> | undefined;

/**
 * Live events for this process's open streams: one LISTEN connection, fanned out in memory,
 * so a thousand open leaderboards cost one Postgres connection, not a thousand.
 */
export async function onLiveEvent(listener: Listener): Promise<() => void> {
  listeners.add(listener);
  listening ??= subscribe(getDatabase().sql, (event) => {
    for (const l of listeners) l(event);
  }).catch((error: unknown) => {
    listening = undefined;
    throw error;
  });
  try {
    await listening;
  } catch (error) {
    listeners.delete(listener);
    throw error;
  }
  return () => listeners.delete(listener);
}

/**
 * Ends this process's LISTEN subscription and forgets its listeners, before the database it runs on is closed
 * (postgres.js would otherwise keep reconnecting it, and the process would never exit).
 */
export async function closeLiveEvents(): Promise<void> {
  const current = listening;
  listening = undefined;
  listeners.clear();
  const unlisten = await current?.catch(() => undefined);
  await unlisten?.();
}
