import { UserCodeError } from "../../lib/core/errors";

/** The ways submitted code fails, each with the message a competitor reads. */
export const failures = {
  wallClock: (seconds: number) => new UserCodeError("timeout", `Evaluation exceeded its ${seconds} s wall-clock limit`),
  callTimeout: (type: string, seconds: number) =>
    new UserCodeError("timeout", `No reply to "${type}" within the ${seconds} s per-call limit`),
  cpuTime: (seconds: number) => new UserCodeError("timeout", `Evaluation exceeded its CPU-time limit of ${seconds} s`),
  memory: (megabytes: number) => new UserCodeError("memory", `Out of memory: the sandbox is limited to ${megabytes} MB`),
  exception: (message: string) => new UserCodeError("exception", `Your code threw an error: ${clip(message)}`),
  protocol: (detail: string) => new UserCodeError("protocol", `The sandbox sent malformed protocol data: ${clip(detail)}`),
  crash: (how: string, during: string | undefined) =>
    new UserCodeError("crash", `The sandbox stopped unexpectedly (${how})${during ? ` while handling "${during}"` : ""}`),
};

/** V8's own words when the JS heap limit is hit (it then aborts; no JS handler runs). */
export function looksLikeHeapExhaustion(log: string): boolean {
  return /JavaScript heap out of memory|Reached heap limit|Fatal JavaScript out of memory|FatalProcessOutOfMemory/.test(log);
}

/** Messages come from the submitted code: keep them to a readable size (the log has the rest). */
function clip(text: string, max = 2000): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
