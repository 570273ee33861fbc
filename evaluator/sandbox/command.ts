import { existsSync, lstatSync, readlinkSync } from "node:fs";
import path from "node:path";
import type { HostTools } from "./host-tools";
import type { PackageBinds } from "./node-modules";

/** RLIMIT_CPU's hard limit (SIGKILL) is this much above its soft one (SIGXCPU). */
export const CPU_HARD_LIMIT_MARGIN_SECONDS = 5;

/** Where things appear inside the sandbox. */
export const SANDBOX_PATHS = {
  runtimeFile: "/runtime/runtime.mjs",
  bundle: "/bundle",
  nodeModules: "/node_modules",
  tmp: "/tmp",
} as const;

export type Rlimits = {
  /** CPU seconds (all threads together); SIGXCPU past it. */
  cpuSeconds: number;
  /**
   * Processes + threads of the sandbox uid (RLIMIT_NPROC), or null where a per-sandbox pids cgroup bounds them: the
   * rlimit counts every process of the uid on the host, so one sandbox's fork bomb would starve its neighbours.
   */
  processes: number | null;
  fileBytes: number;
  openFiles: number;
};

export type SandboxCommandOptions = {
  tools: HostTools;
  nodeBinary: string;
  runtimeFile: string;
  bundleDir: string;
  packages: PackageBinds;
  /** Extra read-only binds at the same path inside (e.g. shared libraries a native package links to). */
  extraReadOnly: string[];
  /** Device nodes to expose (GPU). */
  devices: string[];
  runtimeArgs: string[];
  heapMb: number;
  tmpBytes: number;
  rlimits: Rlimits;
  /** Run as this uid/gid (the worker is root); undefined keeps the current user. */
  user: { uid: number; gid: number } | undefined;
  /** cgroup.procs files the first process joins before anything else runs. */
  cgroupProcs: string[];
  /** Inherited descriptor bwrap reads the seccomp filter from (seccomp.ts); undefined: no filter. */
  seccompFd?: number;
};

/**
 * The full command line: sh (joins the cgroups) → prlimit (rlimits) → setpriv (unprivileged uid) → bwrap → node.
 * Each step execs the next, so the spawned pid is bwrap's own and killing it tears the sandbox down.
 */
export function sandboxCommand(o: SandboxCommandOptions): { file: string; args: string[] } {
  const joinCgroups = 'while [ "$1" != "--" ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';
  const limits = [
    `--cpu=${o.rlimits.cpuSeconds}:${o.rlimits.cpuSeconds + CPU_HARD_LIMIT_MARGIN_SECONDS}`,
    ...(o.rlimits.processes === null ? [] : [`--nproc=${o.rlimits.processes}`]),
    `--fsize=${o.rlimits.fileBytes}`,
    `--nofile=${o.rlimits.openFiles}`,
    "--core=0",
  ];
  const drop = o.user
    ? [o.tools.setpriv, `--reuid=${o.user.uid}`, `--regid=${o.user.gid}`, "--clear-groups", "--no-new-privs", "--"]
    : [];
  return {
    file: o.tools.sh,
    args: [
      "-c",
      joinCgroups,
      "sh",
      ...o.cgroupProcs,
      "--",
      o.tools.prlimit,
      ...limits,
      "--",
      ...drop,
      o.tools.bwrap,
      ...bwrapArgs(o),
    ],
  };
}

function bwrapArgs(o: SandboxCommandOptions): string[] {
  const args = [
    "--unshare-all",
    // No nested user namespaces: inside one, the code would hold every capability again (over its own mounts).
    "--unshare-user",
    "--disable-userns",
    "--die-with-parent",
    "--new-session",
    "--cap-drop",
    "ALL",
    ...(o.seccompFd === undefined ? [] : ["--seccomp", String(o.seccompFd)]),
    "--hostname",
    "sandbox",
    "--clearenv",
    "--setenv",
    "PATH",
    "/usr/bin:/bin",
    "--setenv",
    "HOME",
    SANDBOX_PATHS.tmp,
    "--setenv",
    "TMPDIR",
    SANDBOX_PATHS.tmp,
    "--setenv",
    "LANG",
    "C.UTF-8",
    "--ro-bind",
    "/usr",
    "/usr",
  ];
  // /bin, /lib… are symlinks into /usr on merged-/usr systems and real directories elsewhere.
  for (const top of ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"]) {
    if (!existsSync(top)) continue;
    const stat = lstatSync(top);
    if (stat.isSymbolicLink()) args.push("--symlink", readlinkSync(top), top);
    else if (stat.isDirectory()) args.push("--ro-bind", top, top);
  }
  if (!o.nodeBinary.startsWith("/usr/")) args.push("--ro-bind", o.nodeBinary, o.nodeBinary);
  args.push("--proc", "/proc", "--dev", "/dev", "--size", String(o.tmpBytes), "--tmpfs", SANDBOX_PATHS.tmp);
  for (const device of o.devices) args.push("--dev-bind", device, device);
  args.push("--ro-bind", o.runtimeFile, SANDBOX_PATHS.runtimeFile);
  for (const [name, dir] of o.packages) args.push("--ro-bind", dir, path.posix.join(SANDBOX_PATHS.nodeModules, name));
  for (const extra of o.extraReadOnly) args.push("--ro-bind", extra, extra);
  args.push("--ro-bind", o.bundleDir, SANDBOX_PATHS.bundle);
  args.push("--remount-ro", "/", "--chdir", SANDBOX_PATHS.tmp);
  args.push(
    "--",
    o.nodeBinary,
    `--max-old-space-size=${o.heapMb}`,
    // A learner entry may be a `.js` ES module with no package.json beside it to say so.
    ...(process.allowedNodeEnvironmentFlags.has("--experimental-detect-module")
      ? ["--experimental-detect-module"]
      : []),
    SANDBOX_PATHS.runtimeFile,
    ...o.runtimeArgs,
  );
  return args;
}
