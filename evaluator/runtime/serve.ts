import type * as tfjs from "@tensorflow/tfjs";
import type { FrameTransport } from "../protocol/channel";
import type { Frame } from "../protocol/framing";
import type { FewshotManifest } from "../protocol/manifest";
import { driverMessageSchema, parseMessage, requireTensors, type FewshotTask } from "../protocol/messages";
import { createEmbeddingSolver } from "./embedding";
import { createFinetuneSolver } from "./finetune";
import { createLearnerSolver } from "./learner";
import { serveAgent } from "./serve-agent";
import { serveMetaWorld } from "./serve-metaworld";
import { installSeedableRandom } from "./seedable-random";
import type { Solver } from "./solver";

export type ServeOptions = { channel: FrameTransport; tf: typeof tfjs; bundleDir: string };

/**
 * Answers the driver until `shutdown` or the end of its pipe. Anything thrown (by the submitted code or by a
 * malformed request) propagates to the caller, which reports it as an `error` message.
 */
export async function serve({ channel, tf, bundleDir }: ServeOptions): Promise<void> {
  let state: { solver: Solver; task: FewshotTask; random: { reseed(seed: number): void } } | undefined;
  for (;;) {
    const frame = await channel.receive();
    if (!frame) return;
    const message = parseMessage(driverMessageSchema, frame);
    switch (message.type) {
      case "init": {
        if (state) throw new Error("init was sent twice");
        const { task } = message;
        if (task.track === "atari") return serveAgent({ channel, tf, bundleDir, init: { ...message, task } });
        if (task.track === "metaworld") return serveMetaWorld({ channel, tf, bundleDir, init: { ...message, task } });
        // Before the bundle loads, so whatever it takes for Math.random is the generator episodes may seed.
        const random = installSeedableRandom();
        if (task.seed !== undefined) random.reseed(task.seed);
        // The init schema makes the manifest's track the task's.
        state = { solver: await createSolver(tf, bundleDir, task, message.manifest as FewshotManifest), task, random };
        await channel.send({ type: "ready" });
        break;
      }
      case "episode": {
        if (!state) throw new Error("an episode arrived before init");
        if (message.seed !== undefined) state.random.reseed(message.seed);
        const probabilities = await runEpisode(tf, state.solver, state.task, frame, message.ways);
        await channel.send({ type: "predictions", index: message.index }, { probabilities });
        break;
      }
      case "shutdown":
        return;
      default:
        throw new Error(`"${message.type}" is not part of the few-shot exchange`);
    }
  }
}

function createSolver(
  tf: typeof tfjs,
  bundleDir: string,
  task: FewshotTask,
  manifest: FewshotManifest,
): Promise<Solver> {
  const context = { tf, bundleDir, task };
  if (manifest.kind === "embedding") return createEmbeddingSolver(context, manifest);
  if (manifest.kind === "finetune") return createFinetuneSolver(context, manifest);
  return createLearnerSolver(context, manifest);
}

/** Every tensor made during the episode (by us or by the submitted code) is released when it ends, unless kept with tf.keep. */
async function runEpisode(tf: typeof tfjs, solver: Solver, task: FewshotTask, frame: Frame, ways: number) {
  const { supportImages, supportLabels, queryImages } = requireTensors(frame) as Record<
    string,
    { shape: number[]; data: Float32Array | Int32Array }
  >;
  tf.engine().startScope();
  try {
    const output = await solver.solve({
      supportImages: tf.tensor4d(
        supportImages!.data as Float32Array,
        supportImages!.shape as [number, number, number, number],
        "float32",
      ),
      supportLabels: tf.tensor1d(supportLabels!.data as Int32Array, "int32"),
      queryImages: tf.tensor4d(
        queryImages!.data as Float32Array,
        queryImages!.shape as [number, number, number, number],
        "float32",
      ),
      ways,
      shots: task.shots,
    });
    return { dtype: "float32" as const, shape: output.shape, data: output.data };
  } finally {
    tf.engine().endScope();
  }
}
