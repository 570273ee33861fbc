/**
 * CPU time of this process and of every process below it (the environment's Python shim, the sandbox and its
 * runtime), from /proc (Linux). On a shared host the wall-clock ratio of a two-process loop against a one-process
 * loop mostly measures the scheduler (a process that sleeps on a pipe is woken ahead of busy ones); CPU time per
 * step is the work each side really did.
 */
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";

const TICK_MS = 1000 / 100; // USER_HZ: 100 on Linux

function children(pid: number): number[] {
  const out: number[] = [];
  for (const task of safe(() => readdirSync(`/proc/${pid}/task`), [] as string[])) {
    const text = safe(() => readFileSync(`/proc/${pid}/task/${task}/children`, "utf8"), "");
    for (const child of text.split(" ").filter(Boolean)) out.push(Number(child));
  }
  return out;
}

function ticks(pid: number): number {
  const stat = safe(() => readFileSync(`/proc/${pid}/stat`, "utf8"), "");
  // Fields after the command (which may hold spaces) start past its closing parenthesis: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
}

/** Milliseconds of CPU used so far by the processes below this one (not this one: process.cpuUsage() has it). */
export function descendantsCpuMs(): number {
  let total = 0;
  const queue = children(process.pid);
  while (queue.length > 0) {
    const pid = queue.pop()!;
    total += ticks(pid) * TICK_MS;
    queue.push(...children(pid));
  }
  return total;
}

/** This process's CPU time in milliseconds (user + system). */
export function ownCpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

export const loadAverage = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${os.cpus().length} cores`;

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback; // the process ended between listing and reading
  }
}
