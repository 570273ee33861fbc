import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as tfjs from "@tensorflow/tfjs";
import type { FrameTransport } from "../protocol/channel";
import {
  driverMessageSchema,
  metaworldTensorSpecs,
  parseMessage,
  requireTensors,
  type InitMessage,
  type MetaWorldAgentTask,
} from "../protocol/messages";
import type { MetaWorldManifest } from "../protocol/manifest";
import { describeObservation, taskObservationParts } from "../protocol/metaworld-observation";
import { answer, createMetaWorldAgent, type MetaWorldAgent } from "./metaworld-agent";
import { loadPolicyModel } from "./policy-model";

export type ServeMetaWorldOptions = {
  channel: FrameTransport;
  tf: typeof tfjs;
  bundleDir: string;
  init: InitMessage & { task: MetaWorldAgentTask };
};

/**
 * The Meta-World exchange after `init` (see protocol/messages.ts): taskStart, act/observe per step, adapt. Every
 * tensor made during a call (by us or by the submitted code) is released when it returns, unless kept with tf.keep or
 * a tf.Variable.
 */
export async function serveMetaWorld({ channel, tf, bundleDir, init }: ServeMetaWorldOptions): Promise<void> {
  const manifest = init.manifest as MetaWorldManifest;
  const { task } = init;
  const agent =
    manifest.kind === "agent"
      ? await loadAgent(tf, bundleDir, manifest, task)
      : await policyAgent(tf, bundleDir, manifest, task);
  await channel.send({ type: "ready" });
  for (;;) {
    const frame = await channel.receive();
    if (!frame) return;
    const message = parseMessage(driverMessageSchema, frame);
    if (message.type === "shutdown") return;
    if (message.type === "init") throw new Error("init was sent twice");
    const observation = requireTensors(frame, metaworldTensorSpecs).observation;
    if (observation && observation.shape[0] !== task.observationShape[0]) {
      throw new Error(
        `observation [${observation.shape.join(",")}] does not match the task's [${task.observationShape[0]}]`,
      );
    }
    tf.engine().startScope();
    try {
      // A fresh copy per call: the agent may keep it.
      const reply = await answer(
        agent,
        frame.header,
        observation ? Float32Array.from(observation.data as Float32Array) : undefined,
      );
      await channel.send(reply.header, reply.tensors);
    } finally {
      tf.engine().endScope();
    }
  }
}

async function loadAgent(
  tf: typeof tfjs,
  bundleDir: string,
  manifest: Extract<MetaWorldManifest, { kind: "agent" }>,
  task: MetaWorldAgentTask,
): Promise<MetaWorldAgent> {
  const module = (await import(pathToFileURL(path.resolve(bundleDir, manifest.entry)).href)) as { default?: unknown };
  return createMetaWorldAgent(module.default, { tf, options: manifest.options, task });
}

/**
 * The `policy` kind: a TF.js or ONNX model mapping an observation [1, n] (float32; n = task.observationShape[0]: 39,
 * 49 with MT10's one-hot id, 45 with RL²'s suffix) to an action [1, 4], used as it is (deterministic, no
 * exploration). It does not adapt: observe() ignores the outcome. A model that declares another input length is
 * refused before it plays.
 */
async function policyAgent(
  tf: typeof tfjs,
  bundleDir: string,
  manifest: Extract<MetaWorldManifest, { kind: "policy" }>,
  task: MetaWorldAgentTask,
): Promise<MetaWorldAgent> {
  const observations = `this benchmark's observations are ${describeObservation(taskObservationParts(task))}`;
  const model = await loadPolicyModel({ tf, bundleDir }, manifest, task.observationShape, observations);
  const [actions] = task.actionShape;
  return {
    async act(observation) {
      const { values, shape } = await model(observation);
      if (values.length !== actions)
        throw new Error(
          `the policy model returned ${values.length} values of shape [${shape.join(",")}]; expected [1,${actions}] (one action)`,
        );
      return values;
    },
    observe() {},
  };
}
