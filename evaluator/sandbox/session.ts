import type { ChildProcess } from "node:child_process";
import os from "node:os";
import type { SandboxLimits } from "../../lib/benchmark-spec";
import { PlatformError } from "../../lib/core/errors";
import type { FrameChannel } from "../protocol/channel";
import { ProtocolError } from "../protocol/errors";
import type { Frame, FrameHeader, WireTensors } from "../protocol/framing";
import { parseMessage, runtimeMessageSchema, type HelloMessage } from "../protocol/messages";
import type { SandboxCgroup } from "./cgroup";
import { CPU_HARD_LIMIT_MARGIN_SECONDS } from "./command";
import { failures, looksLikeHeapExhaustion } from "./failures";
import type { CappedLog } from "./output-log";

/** How the sandbox ended. `failure` is undefined only after a clean `close()`. */
export type SandboxExit = { code: number | null; signal: NodeJS.Signals | null; failure: Error | undefined };

export type RequestOptions = { timeoutMs?: number };

export type SandboxSession = {
  /** The runtime's greeting: which backend it runs and its versions. */
  readonly hello: HelloMessage;
  /**
   * Sends a message and waits for the runtime's next one. Rejects with a UserCodeError (reason timeout,
   * memory, exception, protocol or crash) when the sandbox fails, after which it is dead.
   * Default timeout: the limits' callSeconds.
   */
  request(message: FrameHeader, tensors?: WireTensors, options?: RequestOptions): Promise<Frame>;
  /** Sends a message that expects no reply. */
  send(message: FrameHeader, tensors?: WireTensors): Promise<void>;
  /** Asks the runtime to shut down (killing it if it does not within a few seconds) and waits for the exit. */
  close(): Promise<SandboxExit>;
  /** Captured stdout and stderr, capped. */
  log(): string;
  /** Settles (never rejects) once the sandbox is gone and its cgroup removed. */
  readonly exited: Promise<SandboxExit>;
};

export type SandboxParts = {
  child: ChildProcess;
  channel: FrameChannel;
  output: CappedLog;
  cgroup: SandboxCgroup | undefined;
  limits: SandboxLimits;
  cpuSeconds: number;
  signal: AbortSignal | undefined;
};

const SHUTDOWN_GRACE_MS = 5_000;
const PIPE_CLOSED_GRACE_MS = 1_000;

/** One running sandbox: owns its process, its pipes, its deadlines and the classification of how it failed. */
export class SandboxProcess implements SandboxSession {
  readonly exited: Promise<SandboxExit>;
  private helloMessage: HelloMessage | undefined;
  private failure: Error | undefined;
  private failureListeners = new Set<(error: Error) => void>();
  private gone = false;
  private busy = false;
  private shutdownSent = false;
  private handling: string | undefined;
  /** Whether this session killed the process itself (a failure, or a shutdown that took too long). */
  private killedHere = false;
  private readonly startedAt = Date.now();
  private readonly wallTimer: NodeJS.Timeout;

  constructor(private readonly parts: SandboxParts) {
    const { child, output, signal, limits } = parts;
    child.stdout!.on("data", (chunk: Buffer) => output.append(chunk));
    child.stderr!.on("data", (chunk: Buffer) => output.append(chunk));
    this.wallTimer = setTimeout(() => this.fail(failures.wallClock(limits.wallSeconds)), limits.wallSeconds * 1000);
    this.wallTimer.unref();
    const onAbort = () =>
      this.fail(signal!.reason instanceof Error ? signal!.reason : new PlatformError("The evaluation was cancelled"));
    if (signal?.aborted) queueMicrotask(onAbort);
    signal?.addEventListener("abort", onAbort, { once: true });
    child.once("exit", () => void parts.cgroup?.killAll());
    child.once("error", (error) =>
      this.fail(new PlatformError(`Cannot start the sandbox: ${error.message}`, { cause: error })),
    );
    this.exited = new Promise((resolve) => {
      child.once("close", (code, exitSignal) => {
        this.gone = true;
        clearTimeout(this.wallTimer);
        signal?.removeEventListener("abort", onAbort);
        void this.finish(code, exitSignal).then(resolve);
      });
    });
  }

  get hello(): HelloMessage {
    if (!this.helloMessage) throw new Error("the sandbox has not said hello yet");
    return this.helloMessage;
  }

  /** Waits for the runtime's hello. Anything that goes wrong before it is ours, not the bundle's: PlatformError. */
  async waitForHello(timeoutMs: number): Promise<HelloMessage> {
    try {
      const message = parseMessage(runtimeMessageSchema, await this.next(timeoutMs, "start-up"));
      if (message.type !== "hello") throw new ProtocolError(`expected hello, got "${message.type}"`);
      this.helloMessage = message;
      return message;
    } catch (error) {
      this.kill();
      await this.exited;
      if (error instanceof PlatformError || this.parts.signal?.aborted) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw new PlatformError(`The sandbox failed to start: ${detail}\n${startupHint(this.log())}`, { cause: error });
    }
  }

  async request(message: FrameHeader, tensors?: WireTensors, options: RequestOptions = {}): Promise<Frame> {
    if (this.busy) throw new Error("request() was called while another request is in flight");
    this.busy = true;
    this.handling = message.type;
    try {
      await this.send(message, tensors);
      return await this.next(options.timeoutMs ?? this.parts.limits.callSeconds * 1000, message.type);
    } finally {
      this.busy = false;
    }
  }

  async send(message: FrameHeader, tensors?: WireTensors): Promise<void> {
    if (this.failure) throw this.failure;
    try {
      await this.parts.channel.send(message, tensors);
    } catch (error) {
      if (error instanceof ProtocolError) throw error; // our own message was malformed: a bug on the trusted side
      throw await this.pipeClosed(message.type);
    }
  }

  async close(): Promise<SandboxExit> {
    if (!this.gone) {
      if (this.busy) {
        this.fail(new PlatformError("The sandbox was closed while a request was in flight"));
      } else if (this.failure) {
        this.kill();
      } else {
        this.shutdownSent = true;
        await this.parts.channel.send({ type: "shutdown" }).catch(() => this.kill());
        const grace = setTimeout(() => this.kill(), SHUTDOWN_GRACE_MS);
        await this.exited;
        clearTimeout(grace);
      }
    }
    return this.exited;
  }

  log(): string {
    return this.parts.output.text();
  }

  /** The runtime's next frame, or the failure that prevents one. */
  private async next(timeoutMs: number, waitingFor: string): Promise<Frame> {
    if (this.failure) throw this.failure;
    let unsubscribe = () => {};
    const failed = new Promise<never>((_, reject) => {
      this.failureListeners.add(reject);
      unsubscribe = () => this.failureListeners.delete(reject);
    });
    const timer = setTimeout(() => this.fail(failures.callTimeout(waitingFor, timeoutMs / 1000)), timeoutMs);
    let frame: Frame | undefined;
    try {
      frame = await Promise.race([this.parts.channel.receive(), failed]);
    } catch (error) {
      if (error instanceof ProtocolError) this.fail(failures.protocol(error.message));
      else if (!this.failure)
        this.fail(new PlatformError(`Reading from the sandbox failed: ${(error as Error).message}`, { cause: error }));
      throw this.failure;
    } finally {
      clearTimeout(timer);
      unsubscribe();
    }
    if (!frame) throw await this.pipeClosed(waitingFor);
    let message;
    try {
      message = parseMessage(runtimeMessageSchema, frame);
    } catch (error) {
      this.fail(failures.protocol((error as Error).message));
      throw this.failure;
    }
    if (message.type === "error") {
      // Before hello no submitted code has run: the runtime itself failed.
      const processLimit = this.parts.cgroup?.processLimitHit();
      this.fail(
        this.helloMessage
          ? failures.exception(message.message, processLimit)
          : new Error(`the runtime reported: ${message.message}`),
      );
      throw this.failure;
    }
    return frame;
  }

  /**
   * The protocol pipe closed. Usually the runtime died and its exit says why (memory, a signal, an exit code);
   * if it is still running a moment later, it closed the pipe itself.
   */
  private async pipeClosed(during: string): Promise<Error> {
    const grace = setTimeout(
      () => this.fail(failures.crash("it closed its protocol pipe", during)),
      PIPE_CLOSED_GRACE_MS,
    );
    await this.exited;
    clearTimeout(grace);
    return this.failure!;
  }

  /** Records the first failure, wakes whoever waits, and kills the sandbox. */
  private fail(error: Error): void {
    if (!this.failure) {
      this.failure = error;
      for (const listener of this.failureListeners) listener(error);
    }
    this.kill();
  }

  private kill(): void {
    if (this.gone) return;
    this.killedHere = true;
    this.parts.child.kill("SIGKILL");
    void this.parts.cgroup?.killAll();
  }

  /**
   * The only SIGKILL the sandbox's own limits send (the memory cgroup's is told apart by its OOM counter) is
   * RLIMIT_CPU's hard limit, for code that survives SIGXCPU. Its processes cannot have used more CPU than
   * the wall time so far on every core, so before that could reach the hard limit a SIGKILL came from outside.
   */
  private couldHaveReachedCpuHardLimit(): boolean {
    const wallSeconds = (Date.now() - this.startedAt) / 1000;
    return wallSeconds * os.availableParallelism() >= this.parts.cpuSeconds + CPU_HARD_LIMIT_MARGIN_SECONDS;
  }

  /** Decides what an exit nobody asked for means, then removes the cgroup. */
  private async finish(code: number | null, signal: NodeJS.Signals | null): Promise<SandboxExit> {
    const { cgroup, limits, output } = this.parts;
    const clean = this.shutdownSent && code === 0;
    if (!this.failure && !clean) {
      const killedBy = signal ?? innerSignal(code);
      if ((await cgroup?.oomKilled()) || looksLikeHeapExhaustion(output.text()))
        this.failure = failures.memory(limits.memoryMb);
      else if (killedBy === "SIGXCPU") this.failure = failures.cpuTime(this.parts.cpuSeconds);
      else if (killedBy === "SIGKILL" && !this.killedHere && !this.couldHaveReachedCpuHardLimit())
        this.failure = failures.killedOutside();
      else
        this.failure = failures.crash(
          killedBy ? `killed by ${killedBy}` : `exit code ${code}`,
          this.handling,
          cgroup?.processLimitHit(),
        );
      for (const listener of this.failureListeners) listener(this.failure);
    }
    await cgroup
      ?.remove()
      .catch((error: Error) => output.append(Buffer.from(`\n[sandbox cleanup: ${error.message}]\n`)));
    return { code, signal, failure: this.failure };
  }
}

/** bwrap reports a sandboxed process killed by signal N as exit code 128 + N. */
function innerSignal(code: number | null): string | undefined {
  if (code === null || code <= 128) return undefined;
  return Object.entries(os.constants.signals).find(([, number]) => number === code - 128)?.[0];
}

/** The lines of a failed start-up worth showing: bwrap/setpriv/prlimit complaints first, else the log's end. */
function startupHint(log: string): string {
  const tool = log.split("\n").filter((line) => /^(bwrap|setpriv|prlimit|sh):/.test(line));
  if (tool.length > 0) {
    const permission = tool.some((line) => /Permission denied|Can't find source path/.test(line));
    return tool.join("\n") + (permission ? "\n(every bound path must be readable by the sandbox uid)" : "");
  }
  return log.slice(-2000);
}
