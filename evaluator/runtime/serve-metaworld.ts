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
import { bundleModelHandler, isGraphModel } from "./model-files";

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
      : await policyAgent(tf, bundleDir, manifest.model, task);
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
 * The `policy` kind: a TF.js model mapping an observation [1, n] (float32; n = task.observationShape[0]: 39, 49 with
 * MT10's one-hot id, 45 with RL²'s suffix) to an action [1, 4], used as it is (deterministic, no exploration). It does
 * not adapt: observe() ignores the outcome. A model that declares another input length is refused before it plays.
 */
async function policyAgent(
  tf: typeof tfjs,
  bundleDir: string,
  modelPath: string,
  task: MetaWorldAgentTask,
): Promise<MetaWorldAgent> {
  const handler = bundleModelHandler(tf, bundleDir, modelPath);
  const model: {
    predict(input: tfjs.Tensor): tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap;
    inputs?: { shape?: (number | null)[] }[];
  } = (await isGraphModel(bundleDir, modelPath)) ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
  const [actions] = task.actionShape;
  const [inputs] = task.observationShape;
  const declared = model.inputs?.[0]?.shape;
  const length = declared?.length === 2 ? declared[1] : undefined;
  if (typeof length === "number" && length > 0 && length !== inputs) {
    throw new Error(
      `the policy model takes [1, ${length}] inputs, but this benchmark's observations are ${describeObservation(taskObservationParts(task))}: its input must be [1, ${inputs}]`,
    );
  }
  return {
    act(observation) {
      const output = model.predict(tf.tensor2d(observation, [1, observation.length], "float32"));
      const first =
        output instanceof tf.Tensor ? output : Array.isArray(output) ? output[0]! : Object.values(output)[0]!;
      if (first.size !== actions)
        throw new Error(
          `the policy model returned ${first.size} values of shape [${first.shape.join(",")}]; expected [1,${actions}] (one action)`,
        );
      return first;
    },
    observe() {},
  };
}
