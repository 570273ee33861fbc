import type { Db } from "@/db/client";
import { beat } from "@/db/queries/evaluation";
import { writeAndPublish } from "@/lib/events";
import type { LiveEvent } from "@/lib/jobs";
import type { UnitProgress } from "../tracks/runner-types";

export type KeepAlive = {
  /** Latest progress of the unit; written with the next heartbeat. */
  progress: (progress: UnitProgress) => void;
  /** Beats now instead of at the next tick (a NOTIFY said the unit may have been cancelled). */
  checkNow: () => void;
  /** Stops beating and waits for a beat in flight. */
  stop: () => Promise<void>;
};

/**
 * Heartbeats of a running attempt: every `everyMs` it stamps the attempt (so reapers elsewhere know it is alive) and
 * writes the latest progress, publishing `progressEvent` in the transaction that writes it. `onStop` fires once when the attempt should end: declared lost, or its unit finished
 * or cancelled by someone else.
 */
export function keepAlive(input: {
  db: Db;
  attemptId: string;
  unitId: string;
  everyMs: number;
  onStop: () => void;
  progressEvent: LiveEvent;
  onError: (error: unknown) => void;
}): KeepAlive {
  let latest: UnitProgress | undefined;
  let written: typeof latest;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const tick = async () => {
    const progress = latest !== written ? latest : undefined;
    try {
      const alive = await writeAndPublish(
        input.db,
        (tx) => beat(tx, { attemptId: input.attemptId, unitId: input.unitId, progress }),
        (beating) => (beating && progress ? input.progressEvent : undefined),
      );
      if (progress) written = progress;
      if (!alive && !stopped) {
        stopped = true;
        input.onStop();
      }
    } catch (error) {
      input.onError(error);
    }
  };
  // Beats run one after another; each one, when done, sets the single timer for the next.
  const beatNow = () => {
    clearTimeout(timer);
    inFlight = inFlight.then(tick).finally(schedule);
  };
  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(beatNow, input.everyMs);
  };
  schedule();

  return {
    progress: (progress) => {
      latest = { ...progress };
    },
    checkNow: () => {
      if (!stopped) beatNow();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
