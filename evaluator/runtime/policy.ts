import type * as tfjs from "@tensorflow/tfjs";
import type { PolicyManifest } from "../protocol/manifest";
import type { Actor, ActorContext } from "./actor";
import { bundleModelHandler, isGraphModel } from "./model-files";

/**
 * The `policy` kind: a TF.js model mapping stacked frames [1, H, W, frames] (float32, the raw 0–255 pixel values)
 * to action scores [1, actions]; the action is the argmax. It does not learn: observe() is never called for it.
 * (The driver adds Dopamine's evaluation ε of 0.001 with its own seeded generator.)
 */
export async function createPolicyActor(ctx: ActorContext, manifest: PolicyManifest): Promise<Actor> {
  const { tf, bundleDir, task } = ctx;
  const handler = bundleModelHandler(tf, bundleDir, manifest.model);
  const model: { predict(input: tfjs.Tensor): tfjs.Tensor | tfjs.Tensor[] | tfjs.NamedTensorMap } = (await isGraphModel(bundleDir, manifest.model))
    ? await tf.loadGraphModel(handler)
    : await tf.loadLayersModel(handler);
  const shape = [1, ...task.observationShape];
  return {
    async act(observation) {
      const scores = tf.tidy(() => {
        const output = model.predict(tf.tensor(Float32Array.from(observation), shape, "float32"));
        const first = output instanceof tf.Tensor ? output : Array.isArray(output) ? output[0]! : Object.values(output)[0]!;
        if (first.size !== task.actions) {
          throw new Error(`the policy model returned ${first.size} scores of shape [${first.shape.join(",")}]; expected ${task.actions} (one per action)`);
        }
        return first.reshape([task.actions]);
      });
      const values = await scores.data();
      let best = 0;
      for (let a = 1; a < values.length; a++) if (values[a]! > values[best]!) best = a;
      // A NaN score wins nothing above; a model that outputs only NaN is reported as such.
      return values.every((v) => Number.isNaN(v)) ? Number.NaN : best;
    },
    async observe() {},
    async evaluationMode() {},
  };
}
