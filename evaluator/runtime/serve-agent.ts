import type * as tfjs from "@tensorflow/tfjs";
import type { FrameTransport } from "../protocol/channel";
import type { Frame } from "../protocol/framing";
import { driverMessageSchema, parseMessage, requireTensors, type InitMessage, type RlTask } from "../protocol/messages";
import type { AtariManifest as RlManifest } from "../protocol/manifest";
import type { Actor } from "./actor";
import { createAgentActor } from "./agent";
import { describeValue } from "./describe";
import { FrameStack } from "./frame-stack";
import { createPolicyActor } from "./policy";

export type ServeAgentOptions = {
  channel: FrameTransport;
  tf: typeof tfjs;
  bundleDir: string;
  init: InitMessage & { task: RlTask };
};

/**
 * The RL exchange after `init`: one round trip per agent step (see protocol/messages.ts). Every tensor made during
 * a call (by us or by the submitted code) is released when it returns, unless kept with tf.keep or a tf.Variable.
 */
export async function serveAgent({ channel, tf, bundleDir, init }: ServeAgentOptions): Promise<void> {
  const context = { tf, bundleDir, task: init.task };
  const manifest = init.manifest as RlManifest;
  const actor: Actor =
    manifest.kind === "agent" ? await createAgentActor(context, manifest) : await createPolicyActor(context, manifest);
  const [height, width, depth] = init.task.observationShape;
  const stack = new FrameStack(height * width, depth);
  /** The agent's observation after this frame: a fresh copy, so an agent may keep it (a replay buffer). */
  const observationAfter = (frame: Frame, episodeStart: boolean): Uint8Array => {
    const pixels = requireTensors(frame).frame!;
    if (pixels.shape[0] !== height || pixels.shape[1] !== width)
      throw new Error(`frame [${pixels.shape.join(",")}] does not match the task's [${height},${width}]`);
    if (episodeStart) stack.reset(pixels.data as Uint8Array);
    else stack.push(pixels.data as Uint8Array);
    return stack.snapshot();
  };
  await channel.send({ type: "ready" });
  const scoped = async <T>(work: () => Promise<T>): Promise<T> => {
    tf.engine().startScope();
    try {
      return await work();
    } finally {
      tf.engine().endScope();
    }
  };
  const sendAction = (value: unknown) =>
    typeof value === "number" && Number.isFinite(value)
      ? channel.send({ type: "action", action: value })
      : channel.send({ type: "action", action: null, got: describeValue(value) });

  for (;;) {
    const frame = await channel.receive();
    if (!frame) return;
    const message = parseMessage(driverMessageSchema, frame);
    switch (message.type) {
      case "act": {
        const observation = observationAfter(frame, message.episodeStart);
        await sendAction(await scoped(() => actor.act(observation, message.episodeStart)));
        break;
      }
      case "observe": {
        const observation = observationAfter(frame, false);
        const { reward, terminated, truncated } = message;
        const action = await scoped(async () => {
          await actor.observe({ reward, terminated, truncated, lifeLoss: message.lifeLoss === true, observation });
          return message.act ? { value: await actor.act(observation, false) } : undefined;
        });
        await (action ? sendAction(action.value) : channel.send({ type: "observed" }));
        break;
      }
      case "evaluate":
        await scoped(() => actor.evaluationMode());
        await channel.send({ type: "ready" });
        break;
      case "shutdown":
        return;
      default:
        throw new Error(`"${message.type}" is not part of the RL exchange`);
    }
  }
}
