import type * as tfjs from "@tensorflow/tfjs";
import type { Frame, FrameHeader } from "../protocol/framing";
import type { MetaWorldAgentTask } from "../protocol/messages";
import { describeValue } from "./describe";

/** A Meta-World agent as a bundle's entry module creates it (evaluator/tracks/metaworld/README.md). */
export type MetaWorldAgent = {
  /** A new task began (never which one): forget what was adapted to the last one. */
  startTask?(): unknown;
  act(observation: Float32Array, context: { episodeStart: boolean; mode: "adapt" | "eval" }): unknown;
  /** Adaptation episodes only: the outcome of the last action. */
  observe(transition: {
    reward: number;
    terminated: boolean;
    truncated: boolean;
    success: boolean;
    observation: Float32Array;
  }): unknown;
  /** Adaptation ended: evaluation episodes follow, without rewards. */
  adapt?(): unknown;
};

/** What the factory gets: `tf` is the runtime's own instance (absent for trusted agents run in the driver's process). */
export type MetaWorldAgentContext = { tf?: typeof tfjs; options: Record<string, unknown>; task: MetaWorldAgentTask };

export type MetaWorldAgentFactory = (ctx: MetaWorldAgentContext) => MetaWorldAgent | Promise<MetaWorldAgent>;

/** Creates the agent and checks its shape; every failure is an Error whose message says what the code did wrong. */
export async function createMetaWorldAgent(factory: unknown, ctx: MetaWorldAgentContext): Promise<MetaWorldAgent> {
  if (typeof factory !== "function")
    throw new Error(
      `the entry module must default-export a factory function ({ tf, options, task }) => agent; its default export is ${describeValue(factory)}`,
    );
  const agent = (await labelled("the factory", () =>
    (factory as MetaWorldAgentFactory)(ctx),
  )) as Partial<MetaWorldAgent> | null;
  if (typeof agent?.act !== "function" || typeof agent?.observe !== "function")
    throw new Error("the factory must return an object with act() and observe() methods");
  for (const hook of ["startTask", "adapt"] as const) {
    if (agent[hook] !== undefined && typeof agent[hook] !== "function")
      throw new Error(`${hook} of the agent must be a method when present`);
  }
  return agent as MetaWorldAgent;
}

/**
 * The agent's side of the exchange (protocol/messages.ts), one message at a time: the reply to `message`, whose
 * observation (float32) is `observation`. An action goes back as a float32 tensor holding exactly what the agent
 * returned (a number[], a typed array or a tf.Tensor, NaN included); anything else goes back as `action: null` with
 * `got` saying what it was. The driver judges the values. Runs in the sandbox and, for trusted agents, in the driver.
 */
export async function answer(
  agent: MetaWorldAgent,
  message: FrameHeader,
  observation: Float32Array | undefined,
): Promise<Frame> {
  const seen = () => {
    if (!(observation instanceof Float32Array)) throw new Error(`"${message.type}" carries no float32 observation`);
    return observation;
  };
  const reply = (header: FrameHeader): Frame => ({ header, tensors: {} });
  switch (message.type) {
    case "taskStart":
      await labelled("startTask()", () => agent.startTask?.());
      return reply({ type: "ready" });
    case "act":
      return actionFrame(
        await labelled("act()", () =>
          agent.act(seen(), {
            episodeStart: message.episodeStart === true,
            mode: message.mode === "eval" ? "eval" : "adapt",
          }),
        ),
      );
    case "observe": {
      const { reward, terminated, truncated, success } = message as unknown as {
        reward: number;
        terminated: boolean;
        truncated: boolean;
        success: boolean;
      };
      await labelled("observe()", () =>
        agent.observe({ reward, terminated, truncated, success: success === true, observation: seen() }),
      );
      return message.act
        ? actionFrame(await labelled("act()", () => agent.act(seen(), { episodeStart: false, mode: "adapt" })))
        : reply({ type: "observed" });
    }
    case "adapt":
      await labelled("adapt()", () => agent.adapt?.());
      return reply({ type: "ready" });
    default:
      throw new Error(`"${message.type}" is not part of the Meta-World exchange`);
  }
}

/** The reply carrying an action: its values as float32, or what it was when it holds no numbers. */
export function actionFrame(value: unknown): Frame {
  const values = actionValues(value);
  if (typeof values === "string") return { header: { type: "action", action: null, got: values }, tensors: {} };
  return {
    header: { type: "continuousAction" },
    tensors: { action: { dtype: "float32", shape: [values.length], data: values } },
  };
}

/** number[], a typed array, or a tensor (anything with dataSync, read flat): float32 values; otherwise a description. */
function actionValues(value: unknown): Float32Array | string {
  if (Array.isArray(value)) {
    const bad = value.findIndex((v) => typeof v !== "number");
    return bad < 0
      ? Float32Array.from(value as number[])
      : `an array whose value ${bad} is ${describeValue(value[bad])}`;
  }
  if (
    ArrayBuffer.isView(value) &&
    !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) &&
    !(value instanceof BigUint64Array)
  ) {
    return Float32Array.from(value as unknown as ArrayLike<number>);
  }
  const tensor = value as { dataSync?: unknown; isDisposed?: unknown } | null;
  if (typeof tensor?.dataSync === "function" && typeof tensor.isDisposed === "boolean") {
    if (tensor.isDisposed) return "a disposed tensor";
    return Float32Array.from((tensor.dataSync as () => ArrayLike<number>).call(tensor));
  }
  return describeValue(value);
}

async function labelled<T>(what: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${what} threw: ${(error as Error)?.message ?? String(error)}`);
  }
}
