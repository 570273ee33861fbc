import { eq } from "drizzle-orm";
import { submissions } from "@/db/schema";
import { composeWorker, type RunningWorker, type WorkerParts } from "@/evaluator/worker";
import { getConfig } from "@/lib/config";
import type { TestPlatform } from "./submission-loop";
import { waitForEvent } from "./wait";

/**
 * An in-process worker on `platform`: its database, LISTEN client, queue and store, the run's configuration, a
 * one-second heartbeat (so tests see beats and reclaims quickly) and no log lines; `overrides` replaces any of these.
 */
export function startTestWorker(platform: TestPlatform, overrides: Partial<WorkerParts> = {}): Promise<RunningWorker> {
  return composeWorker({
    config: getConfig(),
    db: platform.db,
    sql: platform.sql,
    queue: platform.queue,
    store: platform.store,
    heartbeatSeconds: 1,
    log: () => {},
    ...overrides,
  });
}

/** Waits, by the platform's live events, until the submission is scored or failed, and returns its row. */
export function waitForFinish(
  platform: TestPlatform,
  submissionId: string,
  what = `submission ${submissionId} to finish`,
): Promise<typeof submissions.$inferSelect> {
  return waitForEvent(platform.sql, what, async () => {
    const [s] = await platform.db.select().from(submissions).where(eq(submissions.id, submissionId));
    return s && (s.status === "scored" || s.status === "failed") ? s : undefined;
  });
}
