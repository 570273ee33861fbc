import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as tfjs from "@tensorflow/tfjs";
import type { z } from "zod";
import type { learnerManifestSchema } from "../protocol/manifest";
import type { EpisodeOutput, Solver, SolverContext } from "./solver";

type LearnerManifest = z.infer<typeof learnerManifestSchema>;

/** What a bundle's factory must return (see README.md). */
type Learner = {
  adapt(support: { images: tfjs.Tensor4D; labels: tfjs.Tensor1D; ways: number; shots: number }): unknown;
  predict(query: { images: tfjs.Tensor4D }): unknown;
};

/**
 * The `learner` kind: the bundle's entry module default-exports a factory `(ctx) => learner` (possibly
 * async); per episode the runtime calls `adapt(support)` then `predict(query)`.
 */
export async function createLearnerSolver(ctx: SolverContext, manifest: LearnerManifest): Promise<Solver> {
  const { tf, bundleDir, task } = ctx;
  const module = (await import(pathToFileURL(path.resolve(bundleDir, manifest.entry)).href)) as { default?: unknown };
  if (typeof module.default !== "function") {
    throw new Error(
      `${manifest.entry} must default-export a factory function (ctx) => learner; its default export is ${describe(module.default)}`,
    );
  }
  const learner = (await module.default({ tf, options: manifest.options, task })) as Partial<Learner> | null;
  if (typeof learner?.adapt !== "function" || typeof learner?.predict !== "function") {
    throw new Error(
      `the factory exported by ${manifest.entry} must return an object with adapt() and predict() methods`,
    );
  }
  const { adapt, predict } = learner as Learner;
  return {
    async solve({ supportImages, supportLabels, queryImages, ways, shots }) {
      await adapt.call(learner, { images: supportImages, labels: supportLabels, ways, shots });
      const output = await predict.call(learner, { images: queryImages });
      return toOutput(tf, output, queryImages.shape[0]);
    },
  };
}

/** Accepts a Tensor2D, number[][] or Float32Array, passing the values through unchanged for the driver to judge. */
async function toOutput(tf: typeof tfjs, output: unknown, queries: number): Promise<EpisodeOutput> {
  if (output instanceof tf.Tensor) {
    const values = await output.data();
    return { data: Float32Array.from(values), shape: output.shape };
  }
  if (output instanceof Float32Array) {
    // Always rank 2, so a wrong length reaches the driver as a shape it can name.
    return {
      data: output,
      shape: output.length % queries === 0 ? [queries, output.length / queries] : [1, output.length],
    };
  }
  if (Array.isArray(output) && output.every((row) => Array.isArray(row))) {
    const rows = output as unknown[][];
    const width = rows[0]?.length ?? 0;
    if (rows.some((row) => row.length !== width)) throw new Error("predict() returned rows of different lengths");
    if (rows.some((row) => row.some((v) => typeof v !== "number")))
      throw new Error("predict() returned an array holding non-numbers");
    return { data: Float32Array.from(rows.flat() as number[]), shape: [rows.length, width] };
  }
  throw new Error(`predict() must return a Tensor2D, number[][] or Float32Array; it returned ${describe(output)}`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `an object (${value.constructor?.name ?? "no prototype"})` : `a ${typeof value}`;
}
