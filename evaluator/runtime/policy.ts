import type { PolicyManifest } from "../protocol/manifest";
import type { Actor, ActorContext } from "./actor";
import { loadPolicyModel } from "./policy-model";

/**
 * The `policy` kind: a TF.js or ONNX model mapping stacked frames [1, H, W, frames] (float32, the raw 0–255 pixel
 * values; [1, frames, H, W] for an ONNX model declared nchw) to action scores [1, actions]; the action is the argmax.
 * It does not learn: observe() is never called for it. (The driver adds Dopamine's evaluation ε of 0.001 with its
 * own seeded generator.)
 */
export async function createPolicyActor(ctx: ActorContext, manifest: PolicyManifest): Promise<Actor> {
  const { task } = ctx;
  const model = await loadPolicyModel(ctx, manifest, task.observationShape);
  return {
    async act(observation) {
      const { values, shape } = await model(Float32Array.from(observation));
      if (values.length !== task.actions) {
        throw new Error(
          `the policy model returned ${values.length} scores of shape [${shape.join(",")}]; expected ${task.actions} (one per action)`,
        );
      }
      let best = 0;
      for (let a = 1; a < values.length; a++) if (values[a]! > values[best]!) best = a;
      // A NaN score wins nothing above; a model that outputs only NaN is reported as such.
      return values.every((v) => Number.isNaN(v)) ? Number.NaN : best;
    },
    async observe() {},
    async evaluationMode() {},
  };
}
