/** The wait before try number `attempt` (1-based) after failures: doubling from `initialMs`, capped at `maxMs`. */
export function backoffDelay(initialMs: number, maxMs: number, attempt: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * Runs `connect` until it succeeds, waiting with backoff between tries and saying so in the log: for what a process
 * needs at start (its database) and may find down for a while (PostgreSQL restarting).
 */
export async function retryUntilConnected<T>(
  what: string,
  connect: () => Promise<T>,
  options: { log: (line: string) => void; initialMs?: number; maxMs?: number; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      const delay = backoffDelay(options.initialMs ?? 500, options.maxMs ?? 10_000, attempt);
      options.log(
        `cannot reach ${what} (${error instanceof Error ? error.message : String(error)}); retrying in ${(delay / 1000).toFixed(1)} s`,
      );
      await sleep(delay);
    }
  }
}
