/** Whether `error` says the database connection was lost or refused (as opposed to a query that is wrong). */
export function isConnectionLoss(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string" && (CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  return (
    typeof message === "string" &&
    /Connection terminated|connection is insecure|Client has encountered a connection error/.test(message)
  );
}

/** Socket errors, postgres.js's own, and PostgreSQL's "admin shutdown / crash shutdown / cannot connect now". */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03",
]);

/**
 * pg-boss 10 settles a finished job with a `complete` or `fail` it does not await: while PostgreSQL is down that
 * promise rejects with nobody to catch it, and Node ends the process. Such a job is not lost (it stays active until
 * it expires or the reaper hands it back, and the unit's own records decide what still has to run), so in a worker
 * process that rejection is logged and the worker goes on. Any other unhandled rejection still ends the process.
 */
export function surviveQueueConnectionLoss(log: (line: string) => void): void {
  process.on("unhandledRejection", (reason) => {
    const stack = reason instanceof Error ? (reason.stack ?? "") : "";
    if (isConnectionLoss(reason) && /pg-boss[\\/]src/.test(stack)) {
      log(
        `the queue lost the database while settling a job (${(reason as Error).message}); the job will be handed back`,
      );
      return;
    }
    throw reason;
  });
}
