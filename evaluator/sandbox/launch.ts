import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import type { SandboxLimits } from "../../lib/benchmark-spec";
import { PlatformError } from "../../lib/core/errors";
import { FrameChannel } from "../protocol/channel";
import { ensureRuntimeBuilt } from "../runtime/build";
import { createSandboxCgroup } from "./cgroup";
import { sandboxCommand, type Rlimits } from "./command";
import { findHostTools } from "./host-tools";
import { sandboxContents } from "./contents";
import { CappedLog } from "./output-log";
import { seccompFilter } from "./seccomp";
import { SandboxProcess, type SandboxSession } from "./session";

export type LaunchOptions = {
  /** Unpacked bundle, bound read-only at /bundle. Must be readable by the sandbox uid. */
  bundleDir: string;
  limits: SandboxLimits;
  backend: "auto" | "tensorflow" | "wasm" | "cpu";
  /** A built tfjs-node(-gpu) package (see evaluator/runtime/backend/native.ts). */
  tfjsNodePath?: string;
  signal?: AbortSignal;
  /** Bytes of stdout+stderr kept (first half and last half). Default 1 MiB. */
  logBytes?: number;
  /** Largest protocol frame either side accepts. Default 256 MiB. */
  maxFrameBytes?: number;
  /** The unprivileged user the sandbox runs as when the worker is root (HELDOUT_SANDBOX_UID/GID). Default nobody. */
  user?: { uid: number; gid: number };
};

const NOBODY = { uid: 65534, gid: 65534 };

const MIB = 1024 * 1024;
/** The runtime needs a few seconds to load TF.js; a per-call limit below this would fail every start. */
const MIN_STARTUP_SECONDS = 30;
/** Node and the TF backends run a few dozen threads; this bounds fork bombs while leaving room for them. */
const PROCESS_LIMIT = 512;
const TMP_BYTES = 64 * MIB;
const FILE_BYTES = 64 * MIB;
const OPEN_FILES = 1024;
/** Share of the memory limit given to V8's old space: TF.js tensors and WASM memory live outside it. */
const HEAP_SHARE = 0.75;
/** The descriptor bwrap reads the seccomp filter from (after stdin, stdout, stderr and the two protocol pipes). */
const SECCOMP_FD = 5;

/**
 * Starts the runtime inside a bubblewrap sandbox and waits for its hello. Throws PlatformError when the host
 * cannot run the sandbox (missing tools, unreadable bundle, cgroup refused, runtime failing to start).
 */
export async function launchSandbox(options: LaunchOptions): Promise<SandboxSession> {
  const { limits } = options;
  const tools = findHostTools();
  const bundleDir = path.resolve(options.bundleDir);
  if (!statSync(bundleDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new PlatformError(`The bundle directory ${bundleDir} does not exist`);
  }
  const runtimeFile = await ensureRuntimeBuilt().catch((error: Error) => {
    throw new PlatformError(`Cannot build the sandbox runtime: ${error.message}`, { cause: error });
  });

  const { packages, extraReadOnly, devices, runtimeArgs } = platformStep("prepare the sandbox's files", () =>
    sandboxContents({ backend: options.backend, tfjsNodePath: options.tfjsNodePath }),
  );

  const root = process.getuid?.() === 0;
  const cgroup = await createSandboxCgroup({
    name: `sandbox-${process.pid}-${randomBytes(4).toString("hex")}`,
    memoryBytes: limits.memoryMb * MIB,
    pidsMax: PROCESS_LIMIT,
  });
  const rlimits: Rlimits = {
    cpuSeconds: limits.wallSeconds * os.availableParallelism(),
    // Sandboxes share one uid: where the cgroup counts this sandbox's own processes, the per-uid rlimit must not.
    processes: cgroup?.limitsProcesses ? null : PROCESS_LIMIT,
    fileBytes: FILE_BYTES,
    openFiles: OPEN_FILES,
  };
  const filter = seccompFilter();
  let session: SandboxProcess;
  try {
    const command = sandboxCommand({
      tools,
      nodeBinary: process.execPath,
      runtimeFile,
      bundleDir,
      packages,
      extraReadOnly,
      devices,
      runtimeArgs,
      heapMb: Math.floor(limits.memoryMb * HEAP_SHARE),
      tmpBytes: TMP_BYTES,
      rlimits,
      user: root ? (options.user ?? NOBODY) : undefined,
      cgroupProcs: cgroup?.procsFiles ?? [],
      seccompFd: filter ? SECCOMP_FD : undefined,
    });
    const { child, channel } = spawnSandbox(command, filter, options.maxFrameBytes);
    const output = new CappedLog(options.logBytes ?? MIB);
    if (!cgroup)
      output.append(
        Buffer.from(
          "[sandbox: no memory cgroup (it needs root and cgroup v1); memory is bounded by the JS heap limit only]\n",
        ),
      );
    session = new SandboxProcess({
      child,
      channel,
      output,
      cgroup,
      limits,
      cpuSeconds: rlimits.cpuSeconds,
      signal: options.signal,
    });
  } catch (error) {
    await cgroup?.remove();
    throw error;
  }
  await session.waitForHello(Math.max(limits.callSeconds, MIN_STARTUP_SECONDS) * 1000);
  return session;
}

/** Spawns the sandbox command with the two protocol pipes and, when there is a filter, hands it the seccomp filter. */
function spawnSandbox(
  command: { file: string; args: string[] },
  filter: Buffer | undefined,
  maxFrameBytes: number | undefined,
): { child: ChildProcess; channel: FrameChannel } {
  const child = spawn(command.file, command.args, {
    stdio: ["ignore", "pipe", "pipe", "pipe", "pipe", ...(filter ? ["pipe" as const] : [])],
    // The sandbox's pid 1 keeps this environment and cwd, visible in its /proc/1/environ: show nothing of the host.
    cwd: "/",
    env: { PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv,
  });
  const channel = new FrameChannel({
    input: child.stdio[4] as Readable,
    output: child.stdio[3] as Writable,
    maxFrameBytes,
  });
  if (filter) {
    const seccompPipe = (child.stdio as unknown as Writable[])[SECCOMP_FD]!;
    // A sandbox that died before reading it reports why on its own exit; the broken pipe adds nothing.
    seccompPipe.on("error", () => {});
    seccompPipe.end(filter);
  }
  return { child, channel };
}

/** Runs a set-up step whose failure is the host's problem, never the bundle's. */
function platformStep<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new PlatformError(`Cannot ${what}: ${(error as Error).message}`, { cause: error });
  }
}
