import { existsSync, readFileSync } from "node:fs";
import { mkdir, readdir, readFile, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PlatformError } from "../../lib/core/errors";

const V1_ROOT = "/sys/fs/cgroup";

/** A per-sandbox cgroup (v1 memory + pids controllers) that the launcher joins before exec'ing the sandbox. */
export type SandboxCgroup = {
  /** cgroup.procs files the sandbox's first process writes its pid into. */
  procsFiles: string[];
  /** Whether a pids controller bounds this sandbox's processes and threads (pids.max). */
  limitsProcesses: boolean;
  /** Whether the kernel OOM-killed anything in it. Read before `remove()`. */
  oomKilled(): Promise<boolean>;
  /**
   * The process limit (pids.max) when a fork or thread was refused for reaching it, else undefined. Synchronous, so a
   * failure can be classified before anything else (the runtime exits right after reporting an error).
   */
  processLimitHit(): number | undefined;
  /** SIGKILLs every process still in it. */
  killAll(): Promise<void>;
  /** Kills what is left, waits for it to empty (bounded), then removes it. */
  remove(): Promise<void>;
};

export type CgroupOptions = { name: string; memoryBytes: number; pidsMax: number };

/**
 * Creates the sandbox's cgroup under the worker's own (so the worker's limits still apply to it).
 * Returns undefined where the host offers no cgroup v1 memory controller or the worker is not root:
 * the sandbox then relies on V8's heap limit and rlimits alone. A host that offers the controller but
 * refuses to let root use it is misconfigured: PlatformError.
 */
/** Sandboxes get their own cgroup where the worker is root and the host has the cgroup v1 memory controller. */
export function sandboxCgroupsAvailable(): boolean {
  return process.getuid?.() === 0 && existsSync(path.join(V1_ROOT, "memory", "memory.limit_in_bytes"));
}

/** ... and their own pids limit where it also has the pids controller. */
export function sandboxPidsCgroupAvailable(): boolean {
  return sandboxCgroupsAvailable() && existsSync(path.join(V1_ROOT, "pids", "cgroup.procs"));
}

export async function createSandboxCgroup(options: CgroupOptions): Promise<SandboxCgroup | undefined> {
  if (!sandboxCgroupsAvailable()) return undefined;
  const memoryDir = path.join(sandboxCgroupParent("memory"), options.name);
  const pidsDir = sandboxPidsCgroupAvailable() ? path.join(sandboxCgroupParent("pids"), options.name) : undefined;
  const dirs = [memoryDir, ...(pidsDir ? [pidsDir] : [])];
  await removeOrphans(dirs.map((dir) => path.dirname(dir)));
  try {
    for (const dir of dirs) await mkdir(dir, { recursive: true });
    await writeFile(path.join(memoryDir, "memory.limit_in_bytes"), String(options.memoryBytes));
    // Without swap accounting this file is absent or refuses writes; the plain limit still holds.
    await writeFile(path.join(memoryDir, "memory.memsw.limit_in_bytes"), String(options.memoryBytes)).catch(() => {});
    if (pidsDir) await writeFile(path.join(pidsDir, "pids.max"), String(options.pidsMax));
  } catch (error) {
    await Promise.all(dirs.map((dir) => rmdir(dir).catch(() => {})));
    throw new PlatformError(
      `Cannot set up the sandbox cgroup under ${path.dirname(memoryDir)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const procsFiles = dirs.map((dir) => path.join(dir, "cgroup.procs"));
  const members = async () => {
    const pids = new Set<number>();
    for (const file of procsFiles) {
      const text = await readFile(file, "utf8").catch(() => "");
      for (const line of text.split("\n")) if (line.trim()) pids.add(Number(line));
    }
    return pids;
  };
  const killAll = async () => {
    for (const pid of await members()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  };
  return {
    procsFiles,
    limitsProcesses: pidsDir !== undefined,
    killAll,
    async oomKilled() {
      const control = await readFile(path.join(memoryDir, "memory.oom_control"), "utf8").catch(() => "");
      const kills = /^oom_kill (\d+)$/m.exec(control);
      if (kills) return Number(kills[1]) > 0;
      const failcnt = await readFile(path.join(memoryDir, "memory.failcnt"), "utf8").catch(() => "0");
      return Number(failcnt) > 0;
    },
    processLimitHit() {
      if (!pidsDir) return undefined;
      let events = "";
      try {
        events = readFileSync(path.join(pidsDir, "pids.events"), "utf8");
      } catch {
        // Older kernels have no pids.events: nothing to say.
      }
      return Number(/^max (\d+)$/m.exec(events)?.[1] ?? 0) > 0 ? options.pidsMax : undefined;
    },
    async remove() {
      const deadline = Date.now() + 10_000;
      while ((await members()).size > 0 && Date.now() < deadline) {
        await killAll();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      for (const dir of dirs) {
        await rmdir(dir).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "ENOENT")
            throw new PlatformError(`Cannot remove the sandbox cgroup ${dir}: ${error.message}`);
        });
      }
    },
  };
}

/**
 * Empty cgroups left by a worker that died without cleaning up (their name carries its pid). rmdir only
 * succeeds on an empty cgroup, so one still in use is never touched.
 */
async function removeOrphans(parents: string[]): Promise<void> {
  for (const parent of parents) {
    for (const name of await readdir(parent).catch(() => [] as string[])) {
      const pid = Number(/^sandbox-(\d+)-/.exec(name)?.[1]);
      if (pid && pid !== process.pid && !isAlive(pid)) await rmdir(path.join(parent, name)).catch(() => {});
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The v1 cgroup directory under which this process creates its sandboxes' cgroups. */
export function sandboxCgroupParent(controller: "memory" | "pids"): string {
  return path.join(V1_ROOT, controller, ownPath(controller), "heldout");
}

/** This process's path in a v1 hierarchy, from /proc/self/cgroup ("4:memory:/some/path"). */
function ownPath(controller: string): string {
  for (const line of readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
    const [, controllers, where] = line.split(":");
    if (controllers?.split(",").includes(controller) && where) return where;
  }
  return "/";
}
