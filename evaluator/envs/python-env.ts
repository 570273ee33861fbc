import { spawn, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import type { Readable, Writable } from "node:stream";
import { PlatformError } from "../../lib/core/errors";
import { FrameChannel } from "../protocol/channel";
import { encodeFrame, type Frame } from "../protocol/framing";
import type {
  Action,
  ActionSpace,
  Env,
  Observation,
  ObservationSpace,
  ResetResult,
  StepInfo,
  StepResult,
} from "./types";
import { explainShimFailure, requirePython, SHIM_FILE } from "./venv";

export type GymEnvOptions = {
  /** A registered Gymnasium id, e.g. "ALE/Pong-v5". */
  id: string;
  /** Keyword arguments of gymnasium.make. */
  kwargs?: Record<string, unknown>;
  /** Keyword arguments of gymnasium.wrappers.AtariPreprocessing; omitted: no wrapper. */
  preprocessing?: Record<string, unknown>;
  /** Interpreter to use instead of the project virtualenv's. */
  python?: string;
  /** Seconds to wait for one reply (make loads the simulator: allow for it). */
  replySeconds?: number;
};

const LOG_BYTES = 64 * 1024;

/**
 * Starts one Python process holding one Gymnasium environment (evaluator/envs/python/shim.py) and returns it behind
 * the Env contract. Everything that goes wrong on the Python side is a PlatformError: the environment is ours.
 */
export async function openGymEnv(options: GymEnvOptions): Promise<Env> {
  const python = requirePython(options.python);
  const child = spawn(python, ["-u", SHIM_FILE], {
    stdio: ["ignore", "pipe", "pipe", "pipe", "pipe"],
    env: { PATH: "/usr/bin:/bin" } as unknown as NodeJS.ProcessEnv,
  });
  const bridge = new ShimProcess(child, options);
  try {
    const made = await bridge.request({
      type: "make",
      id: options.id,
      kwargs: options.kwargs ?? {},
      ...(options.preprocessing ? { preprocessing: options.preprocessing } : {}),
    });
    return bridge.toEnv(made);
  } catch (error) {
    await bridge.close();
    throw error;
  }
}

/** How often a pending request's deadline is checked: one timer per process instead of one per step. */
const WATCHDOG_MS = 1000;

class ShimProcess {
  private readonly channel: FrameChannel;
  private readonly requests: Writable;
  private log = "";
  private readonly exited: Promise<void>;
  private exitCode: number | null | undefined;
  private readonly replyMs: number;
  /** The request awaiting its reply and when it was sent (performance.now()). */
  private pending: { type: string; since: number } | undefined;
  private timedOut = false;
  private readonly watchdog: NodeJS.Timeout;

  constructor(
    private readonly child: ChildProcess,
    private readonly options: GymEnvOptions,
  ) {
    this.replyMs = (options.replySeconds ?? 60) * 1000;
    this.requests = child.stdio[3] as Writable;
    this.channel = new FrameChannel({ input: child.stdio[4] as Readable, output: this.requests });
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString("utf8")).slice(-LOG_BYTES);
    };
    child.stdout!.on("data", keep);
    child.stderr!.on("data", keep);
    // A reply overdue by replyMs kills the process; the request then sees its pipe end.
    this.watchdog = setInterval(
      () => {
        if (this.pending && performance.now() - this.pending.since > this.replyMs) {
          this.timedOut = true;
          this.child.kill("SIGKILL");
        }
      },
      Math.min(WATCHDOG_MS, this.replyMs),
    );
    this.watchdog.unref();
    this.exited = new Promise((resolve) => {
      child.once("error", (error) => {
        keep(Buffer.from(`cannot start ${options.python ?? "python"}: ${error.message}\n`));
        clearInterval(this.watchdog);
        resolve();
      });
      child.once("close", (code) => {
        this.exitCode = code;
        clearInterval(this.watchdog);
        resolve();
      });
    });
  }

  /**
   * One request, one reply. Per step this is one write (no callback: a dead process shows as the end of its reply
   * pipe, and the channel swallows the write error) and one awaited read; the deadline is the watchdog's.
   */
  async request(message: { type: string; [key: string]: unknown }): Promise<Frame> {
    const failed = (detail: string) => {
      // A missing package is explained in full by the install instruction; the Python traceback would only bury it.
      const explained = explainShimFailure(detail);
      return new PlatformError(
        `Environment ${this.options.id}: ${explained}${explained === detail ? this.tail() : ""}`,
      );
    };
    if (!this.requests.destroyed && !this.requests.writableEnded) this.requests.write(encodeFrame(message));
    this.pending = { type: message.type, since: performance.now() };
    const frame = await this.channel.receive().catch((error: Error) => error);
    this.pending = undefined;
    if (this.timedOut) {
      await this.exited;
      throw failed(`no reply to "${message.type}" within ${this.replyMs / 1000} s`);
    }
    if (frame instanceof Error) throw failed(`malformed reply (${frame.message})`);
    if (!frame) {
      await this.exited;
      throw failed(`the environment process exited (code ${String(this.exitCode)}) while handling "${message.type}"`);
    }
    if (frame.header.type === "failure") {
      await this.exited;
      throw failed(String(frame.header.message));
    }
    return frame;
  }

  toEnv(made: Frame): Env {
    const header = made.header as unknown as {
      observationShape: number[];
      observationDtype: string;
      actionSpace: ActionSpace;
      actionMeanings?: string[];
    };
    const observationSpace: ObservationSpace = {
      shape: header.observationShape,
      dtype: header.observationDtype === "uint8" ? "uint8" : "float32",
    };
    const read = (frame: Frame): StepResult => {
      const h = frame.header as unknown as { reward: number; terminated: boolean; truncated: boolean; info: StepInfo };
      const observation = frame.tensors.observation?.data;
      if (!(observation instanceof Uint8Array || observation instanceof Float32Array)) {
        throw new PlatformError(
          `Environment ${this.options.id}: reply "${frame.header.type}" has no uint8/float32 observation`,
        );
      }
      return {
        observation: observation as Observation,
        reward: h.reward,
        terminated: h.terminated,
        truncated: h.truncated,
        info: h.info,
      };
    };
    return {
      observationSpace,
      actionSpace: header.actionSpace,
      actionMeanings: header.actionMeanings,
      reset: async (options = {}): Promise<ResetResult> => {
        const { observation, info } = read(
          await this.request({
            type: "reset",
            ...(options.seed === undefined ? {} : { seed: options.seed }),
            ...(options.options === undefined ? {} : { options: options.options }),
          }),
        );
        return { observation, info };
      },
      step: async (action: Action) => read(await this.request({ type: "step", action })),
      close: () => this.close(),
    };
  }

  async close(): Promise<void> {
    if (this.exitCode === undefined) {
      await this.channel.send({ type: "close" }).catch(() => undefined);
      const grace = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
      await this.exited;
      clearTimeout(grace);
    }
  }

  private tail(): string {
    const lines = this.log.trim().split("\n").slice(-8).join("\n");
    return lines ? `\n${lines}` : "";
  }
}
