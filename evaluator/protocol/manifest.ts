/**
 * The bundle manifest (heldout.json) of every track and kind: what a bundle declares, what the bundle checker
 * validates and what the driver hands the sandboxed runtime in its init message. It lives in the protocol because the
 * runtime reads it and may import nothing but the protocol; the tracks' definitions re-export their kinds.
 */
import { z } from "zod";

/** A path inside a bundle: relative, forward slashes, no `..`, no leading slash. */
export const bundlePath = z
  .string()
  .min(1)
  .max(255)
  .refine(
    (p) => !p.startsWith("/") && !p.includes("\\") && !p.split("/").some((s) => s === ".." || s === "." || s === ""),
    {
      message: "must be a relative path inside the bundle (no leading '/', no '..', no backslashes)",
    },
  );

/** A link shown on entry pages: http(s) only, so no `javascript:` or `data:` URL ever becomes a clickable href. */
export const webLink = z
  .string()
  .url()
  .max(500)
  // zod runs this even when .url() failed: a string that is no URL is left to .url()'s message, never thrown here.
  .refine((u) => !URL.canParse(u) || /^https?:$/.test(new URL(u).protocol), {
    message: "must be an http:// or https:// link",
  });

/** Marks reference entries; only the platform and organizers set it (AcceptInput.isBaseline), never a method card. */
export const BASELINE_TAG = "baseline";

export const methodCardSchema = z
  .object({
    description: z.string().max(5000).default(""),
    paper: webLink.optional(),
    code: webLink.optional(),
    tags: z
      .array(
        z
          .string()
          .regex(
            /^[a-z0-9][a-z0-9+-]{0,31}$/,
            "tags are lowercase words with digits, '-' or '+', at most 32 characters",
          ),
      )
      .max(16)
      .default([]),
  })
  .strict();

const common = {
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "name: letters, digits, '.', '_' or '-', at most 64 characters"),
  method: methodCardSchema.default({ description: "", tags: [] }),
};

/** A no-code kind's model: its format follows from the extension. */
export type ModelFormat = "tfjs" | "onnx";
export function modelFormatOf(modelPath: string): ModelFormat {
  return modelPath.endsWith(".onnx") ? "onnx" : "tfjs";
}

const noCodeModel = bundlePath.refine(
  (p) => p.endsWith(".json") || p.endsWith(".onnx"),
  "model must point at a TF.js model.json or an ONNX model (.onnx)",
);

/**
 * The image axes an ONNX model takes: "nhwc" (the platform's own, the default) or "nchw" (PyTorch's), which the
 * runtime transposes to before the model sees a batch. TF.js models are NHWC.
 */
const modelLayout = z.enum(["nhwc", "nchw"]).optional();

function layoutNeedsOnnx(manifest: { model: string; layout?: "nhwc" | "nchw" }, ctx: z.RefinementCtx): void {
  if (manifest.layout === "nchw" && modelFormatOf(manifest.model) !== "onnx") {
    ctx.addIssue({
      code: "custom",
      path: ["layout"],
      message: "layout 'nchw' is for ONNX models; a TF.js model takes NHWC",
    });
  }
}

/** Few-shot, no code: a TF.js graph or layers model, or an ONNX model, mapping an image batch [B,H,W,C] to embeddings [B,D]. */
export const embeddingManifestSchema = z
  .object({
    ...common,
    track: z.literal("fewshot"),
    kind: z.literal("embedding"),
    model: noCodeModel,
    layout: modelLayout,
    options: z
      .object({ distance: z.enum(["euclidean", "cosine"]).default("euclidean") })
      .strict()
      .default({ distance: "euclidean" }),
  })
  .strict()
  .superRefine(layoutNeedsOnnx);

/**
 * Few-shot, no code: a TF.js LAYERS model mapping an image batch [B,H,W,C] to features [B,D] (the body). Per episode
 * the evaluator adds a linear head [D → ways], initialises it (`head`), trains the head and the `trainable` body
 * layers for `steps` full-batch steps of softmax cross-entropy on the support set with `optimizer` at `lr` (batch
 * norm in inference mode), predicts the queries, and restores the body's weights before the next episode.
 */
export const finetuneOptionsSchema = z
  .object({
    steps: z.number().int().min(0).max(10_000).default(50),
    lr: z.number().positive().max(10).default(0.01),
    optimizer: z.enum(["sgd", "adam"]).default("sgd"),
    /** "head": only the new head trains; "all": every layer too; or the names of the body layers that train. */
    trainable: z.union([z.enum(["head", "all"]), z.array(z.string().min(1).max(128)).min(1).max(256)]).default("head"),
    /** "zero"; "prototype": weights 2·p_k and bias −‖p_k‖² from the support prototypes (ProtoNet's logits); "random": Glorot-uniform, seeded per episode. */
    head: z.enum(["zero", "prototype", "random"]).default("prototype"),
  })
  .strict();

export const finetuneManifestSchema = z
  .object({
    ...common,
    track: z.literal("fewshot"),
    kind: z.literal("finetune"),
    model: bundlePath.refine((p) => p.endsWith(".json"), "model must point at a TF.js model.json"),
    options: finetuneOptionsSchema.default({
      steps: 50,
      lr: 0.01,
      optimizer: "sgd",
      trainable: "head",
      head: "prototype",
    }),
  })
  .strict();

/** Few-shot, code: an ES module whose default export creates an object with adapt(support) and predict(query). */
export const learnerManifestSchema = z
  .object({
    ...common,
    track: z.literal("fewshot"),
    kind: z.literal("learner"),
    entry: bundlePath.refine((p) => /\.(mjs|js)$/.test(p), "entry must be an ES module (.mjs or .js)"),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** Atari 100K, code: an ES module whose default export creates an object with act(observation), observe(transition) and evaluationMode(). */
export const agentManifestSchema = z
  .object({
    ...common,
    track: z.literal("atari"),
    kind: z.literal("agent"),
    entry: bundlePath.refine((p) => /\.(mjs|js)$/.test(p), "entry must be an ES module (.mjs or .js)"),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** Atari 100K, no code: a TF.js or ONNX model mapping stacked frames [B, 84, 84, 4] (float32, 0–255) to action scores [B, actions]. */
export const policyManifestSchema = z
  .object({
    ...common,
    track: z.literal("atari"),
    kind: z.literal("policy"),
    model: noCodeModel,
    layout: modelLayout,
  })
  .strict()
  .superRefine(layoutNeedsOnnx);

export const fewshotManifestSchema = z.discriminatedUnion("kind", [
  embeddingManifestSchema,
  finetuneManifestSchema,
  learnerManifestSchema,
]);
export const atariManifestSchema = z.discriminatedUnion("kind", [agentManifestSchema, policyManifestSchema]);

/** Meta-World, code: an ES module whose default export creates { startTask?, act, observe, adapt? } (evaluator/runtime/README.md). */
export const metaworldAgentManifestSchema = agentManifestSchema.extend({ track: z.literal("metaworld") });
/** Meta-World, no code: a TF.js or ONNX model mapping an observation [1, 39] float32 to an action [1, 4] (no image, so no layout). */
export const metaworldPolicyManifestSchema = z
  .object({ ...common, track: z.literal("metaworld"), kind: z.literal("policy"), model: noCodeModel })
  .strict();
export const metaworldManifestSchema = z.discriminatedUnion("kind", [
  metaworldAgentManifestSchema,
  metaworldPolicyManifestSchema,
]);

/**
 * By track, then by kind: a kind name may mean different things on different tracks (an RL `agent`), and an unknown
 * kind is reported against the kinds of the manifest's own track.
 */
export const manifestSchema = z.discriminatedUnion("track", [
  fewshotManifestSchema,
  atariManifestSchema,
  metaworldManifestSchema,
]);

export type Manifest = z.infer<typeof manifestSchema>;
export type FewshotManifest = z.infer<typeof fewshotManifestSchema>;
export type AgentManifest = z.infer<typeof agentManifestSchema>;
export type PolicyManifest = z.infer<typeof policyManifestSchema>;
export type MetaWorldPolicyManifest = z.infer<typeof metaworldPolicyManifestSchema>;
export type AtariManifest = z.infer<typeof atariManifestSchema>;
export type MetaWorldManifest = z.infer<typeof metaworldManifestSchema>;
export type ManifestKind = Manifest["kind"];
export const MANIFEST_FILE = "heldout.json";
