import { spawn } from "node:child_process";
import { backoffDelay } from "@/lib/retry";

/** How a supervised process ended. */
export type ExitStatus = { code: number | null; signal: NodeJS.Signals | null };

/** One running process, as the supervisor sees it. */
export type ChildHandle = {
  pid: number | undefined;
  exited: Promise<ExitStatus>;
  kill: (signal: NodeJS.Signals) => void;
};

export type Clock = { now: () => number; sleep: (ms: number, signal: AbortSignal) => Promise<void> };

export type RestartPolicy = {
  /** Wait before the first restart after a crash. */
  initialDelayMs: number;
  /** Each quick crash in a row doubles the wait, up to this. */
  maxDelayMs: number;
  /** A process that ran this long before it crashed was healthy: the next wait is the initial one again. */
  healthyAfterMs: number;
};

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  healthyAfterMs: 60_000,
};

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done, { once: true });
    }),
};

/** The wait before restarting a process that has crashed `quickCrashes` times in a row without running healthily. */
export function restartDelay(policy: RestartPolicy, quickCrashes: number): number {
  return backoffDelay(policy.initialDelayMs, policy.maxDelayMs, quickCrashes);
}

export type Supervised = {
  /** The running process, if any (none between a crash and its restart). */
  current: () => ChildHandle | undefined;
  /** How many times the process was started again after it ended on its own. */
  restarts: () => number;
  /** Stops restarting; sends `signal` to the running process and waits for it, SIGKILL after `timeoutMs`. */
  stop: (signal: NodeJS.Signals, timeoutMs: number) => Promise<void>;
};

/**
 * Keeps one process running: `start` spawns it; whenever it ends on its own (crash, kill -9, a failed spawn) it is
 * started again after a backoff (`restartDelay`), with a line in the log saying how it ended and when it comes back.
 */
export function supervise(options: {
  name: string;
  start: () => ChildHandle;
  log: (line: string) => void;
  policy?: RestartPolicy;
  clock?: Clock;
}): Supervised {
  const policy = options.policy ?? DEFAULT_RESTART_POLICY;
  const clock = options.clock ?? realClock;
  const stopping = new AbortController();
  let current: ChildHandle | undefined;
  let restarts = 0;

  const loop = async () => {
    let quickCrashes = 0;
    while (!stopping.signal.aborted) {
      const startedAt = clock.now();
      let status: ExitStatus | string;
      try {
        const child = options.start();
        current = child;
        options.log(`${options.name} started (pid ${child.pid})`);
        status = await child.exited;
      } catch (error) {
        status = error instanceof Error ? error.message : String(error);
      }
      current = undefined;
      if (stopping.signal.aborted) return;
      quickCrashes = clock.now() - startedAt >= policy.healthyAfterMs ? 1 : quickCrashes + 1;
      const delay = restartDelay(policy, quickCrashes);
      options.log(`${options.name} ${describeExit(status)}; restarting in ${(delay / 1000).toFixed(1)} s`);
      await clock.sleep(delay, stopping.signal);
      if (!stopping.signal.aborted) restarts += 1;
    }
  };
  const looping = loop();

  return {
    current: () => current,
    restarts: () => restarts,
    stop: async (signal, timeoutMs) => {
      stopping.abort();
      const child = current;
      if (child) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        await child.exited;
        clearTimeout(timer);
      }
      await looping;
    },
  };
}

function describeExit(status: ExitStatus | string): string {
  if (typeof status === "string") return `could not be started (${status})`;
  return status.signal ? `was killed by ${status.signal}` : `exited with code ${status.code}`;
}

/**
 * Spawns `command` so that it cannot outlive this process: `setpriv --pdeathsig KILL` (util-linux) has the kernel
 * SIGKILL it the moment this process dies, even by SIGKILL. It runs in its own process group, so a Ctrl-C in the
 * terminal reaches only this process, which then stops its children in order.
 */
export function spawnTiedToParent(
  command: string,
  args: string[],
  options: {
    env: NodeJS.ProcessEnv;
    cwd?: string;
    runAs?: { uid: number; gid: number };
    onOutput?: (chunk: string) => void;
  },
): ChildHandle {
  const child = spawn("setpriv", ["--pdeathsig", "KILL", "--", command, ...args], {
    cwd: options.cwd,
    env: options.env,
    ...options.runAs,
    detached: true,
    stdio: ["ignore", options.onOutput ? "pipe" : "inherit", options.onOutput ? "pipe" : "inherit"],
  });
  if (options.onOutput) {
    child.stdout?.on("data", (chunk: Buffer) => options.onOutput!(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => options.onOutput!(chunk.toString()));
  }
  const exited = new Promise<ExitStatus>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
  return {
    pid: child.pid,
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
