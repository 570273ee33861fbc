import { PlatformError, UserCodeError } from "../../lib/core/errors";
import { storableText } from "../../lib/core/untrusted-text";

/** Messages come from the submitted code: keep them to a readable size (the log has the rest). */
const MESSAGE_CHARS = 2000;

/** The ways submitted code fails, each with the message a competitor reads. */
export const failures = {
  wallClock: (seconds: number) => new UserCodeError("timeout", `Evaluation exceeded its ${seconds} s wall-clock limit`),
  callTimeout: (type: string, seconds: number) =>
    new UserCodeError("timeout", `No reply to "${type}" within the ${seconds} s per-call limit`),
  cpuTime: (seconds: number) => new UserCodeError("timeout", `Evaluation exceeded its CPU-time limit of ${seconds} s`),
  memory: (megabytes: number) =>
    new UserCodeError("memory", `Out of memory: the sandbox is limited to ${megabytes} MB`),
  exception: (message: string, processLimit?: number) =>
    new UserCodeError(
      "exception",
      `Your code threw an error: ${storableText(message, MESSAGE_CHARS)}${processLimitNote(processLimit)}`,
    ),
  protocol: (detail: string) =>
    new UserCodeError("protocol", `The sandbox sent malformed protocol data: ${storableText(detail, MESSAGE_CHARS)}`),
  /** A SIGKILL none of the sandbox's limits sent (the host's OOM killer, an operator): not the code's fault. */
  killedOutside: () =>
    new PlatformError(
      "The sandbox was killed from outside (SIGKILL by the host, not by one of its own limits); the unit is retried at no cost",
    ),
  crash: (how: string, during: string | undefined, processLimit?: number) =>
    new UserCodeError(
      "crash",
      `The sandbox stopped unexpectedly (${how})${during ? ` while handling "${during}"` : ""}${processLimitNote(processLimit)}`,
    ),
};

/** Said of a failure that followed a refused fork or thread: the limit is the likely cause. */
function processLimitNote(limit: number | undefined): string {
  return limit === undefined ? "" : ` (after reaching the sandbox's limit of ${limit} processes and threads)`;
}

/** V8's own words when the JS heap limit is hit (it then aborts; no JS handler runs). */
export function looksLikeHeapExhaustion(log: string): boolean {
  return /JavaScript heap out of memory|Reached heap limit|Fatal JavaScript out of memory|FatalProcessOutOfMemory/.test(
    log,
  );
}
