/**
 * Every message exchanged between the trusted driver and the sandboxed runtime.
 * Tensors travel beside the header (see framing.ts); `tensorSpecs` names the tensors each message carries.
 * Tracks add their own messages to the two unions below; the few-shot exchange is:
 *
 *   runtime → driver  hello                                   (once the backend is up)
 *   driver → runtime  init { manifest, task }                 → ready
 *   driver → runtime  episode { index, ways } + support/query → predictions { index } + probabilities
 *   runtime → driver  error { message, stack? }               (user code threw; the runtime then exits)
 *   driver → runtime  shutdown
 */
import { z } from "zod";
import { manifestSchema } from "../../lib/manifest";
import { ProtocolError } from "./errors";
import type { Frame, TensorDtype, WireTensor } from "./framing";

export const backendNameSchema = z.enum(["tensorflow", "wasm", "cpu"]);

export const helloMessageSchema = z.object({
  type: z.literal("hello"),
  backend: backendNameSchema,
  tfjsVersion: z.string(),
  runtimeVersion: z.string(),
});

export const fewshotTaskSchema = z
  .object({
    track: z.literal("fewshot"),
    ways: z.number().int().min(2),
    shots: z.number().int().min(1),
    queries: z.number().int().min(1),
    /** [H, W, C] of every image. */
    imageShape: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
  })
  .strict();

export const initMessageSchema = z.object({
  type: z.literal("init"),
  manifest: manifestSchema,
  task: fewshotTaskSchema,
});

export const readyMessageSchema = z.object({ type: z.literal("ready") });

/** Carries supportImages float32 [S,H,W,C], supportLabels int32 [S] (0..ways-1), queryImages float32 [Q,H,W,C]. */
export const episodeMessageSchema = z.object({
  type: z.literal("episode"),
  index: z.number().int().min(0),
  ways: z.number().int().min(2),
});

/** Carries probabilities float32 [Q, ways], exactly as the submitted code produced them. */
export const predictionsMessageSchema = z.object({
  type: z.literal("predictions"),
  index: z.number().int().min(0),
});

export const errorMessageSchema = z.object({
  type: z.literal("error"),
  message: z.string(),
  stack: z.string().optional(),
});

export const shutdownMessageSchema = z.object({ type: z.literal("shutdown") });

/** What the runtime may send. */
export const runtimeMessageSchema = z.discriminatedUnion("type", [
  helloMessageSchema,
  readyMessageSchema,
  predictionsMessageSchema,
  errorMessageSchema,
]);

/** What the driver may send. */
export const driverMessageSchema = z.discriminatedUnion("type", [initMessageSchema, episodeMessageSchema, shutdownMessageSchema]);

export type HelloMessage = z.infer<typeof helloMessageSchema>;
export type FewshotTask = z.infer<typeof fewshotTaskSchema>;
export type InitMessage = z.infer<typeof initMessageSchema>;
export type ReadyMessage = z.infer<typeof readyMessageSchema>;
export type EpisodeMessage = z.infer<typeof episodeMessageSchema>;
export type PredictionsMessage = z.infer<typeof predictionsMessageSchema>;
export type ErrorMessage = z.infer<typeof errorMessageSchema>;
export type ShutdownMessage = z.infer<typeof shutdownMessageSchema>;
export type RuntimeMessage = z.infer<typeof runtimeMessageSchema>;
export type DriverMessage = z.infer<typeof driverMessageSchema>;

type TensorSpec = { dtype: TensorDtype; rank: number };

/** The tensors a message must carry (dtype and rank); shapes are checked by whoever knows the task. */
export const tensorSpecs: Partial<Record<string, Record<string, TensorSpec>>> = {
  episode: {
    supportImages: { dtype: "float32", rank: 4 },
    supportLabels: { dtype: "int32", rank: 1 },
    queryImages: { dtype: "float32", rank: 4 },
  },
  predictions: { probabilities: { dtype: "float32", rank: 2 } },
};

/** Parses a frame's header with `schema`, turning a mismatch into a ProtocolError that says what was wrong. */
export function parseMessage<T extends z.ZodType>(schema: T, frame: Frame): z.infer<T> {
  const parsed = schema.safeParse(frame.header);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; ");
    throw new ProtocolError(`invalid "${String(frame.header.type)}" message: ${issues}`);
  }
  return parsed.data;
}

/** The frame's tensors, checked against `tensorSpecs` for its message type (no missing, no extra, right dtype and rank). */
export function requireTensors(frame: Frame): Record<string, WireTensor> {
  const specs = tensorSpecs[frame.header.type] ?? {};
  for (const [name, spec] of Object.entries(specs)) {
    const tensor = frame.tensors[name];
    if (!tensor) throw new ProtocolError(`"${frame.header.type}" message is missing tensor "${name}"`);
    if (tensor.dtype !== spec.dtype || tensor.shape.length !== spec.rank) {
      throw new ProtocolError(
        `"${frame.header.type}" tensor "${name}" is ${tensor.dtype} rank ${tensor.shape.length}; expected ${spec.dtype} rank ${spec.rank}`,
      );
    }
  }
  for (const name of Object.keys(frame.tensors)) {
    if (!(name in specs)) throw new ProtocolError(`"${frame.header.type}" message carries unexpected tensor "${name}"`);
  }
  return frame.tensors;
}
