/**
 * Every message exchanged between the trusted driver and the sandboxed runtime.
 * Tensors travel beside the header (see framing.ts); `tensorSpecs` names the tensors each message carries.
 * Tracks add their own messages to the two unions below. Every exchange starts and ends the same way:
 *
 *   runtime → driver  hello                                   (once the backend is up)
 *   driver → runtime  init { manifest, task }                 → ready
 *   runtime → driver  error { message, stack? }               (user code threw; the runtime then exits)
 *   driver → runtime  shutdown
 *
 * Few-shot (task.track "fewshot"):
 *   driver → runtime  episode { index, ways, seed? } + support/query → predictions { index } + probabilities
 *
 * RL (task.track "atari"), one round trip per agent step; rewards travel only while learning. Only the newest
 * frame travels; the runtime stacks the last `observationShape[2]` frames into the observation the agent sees:
 *   driver → runtime  act { episodeStart } + frame            → action { action }
 *   driver → runtime  observe { reward, terminated, truncated, lifeLoss, act } + frame
 *                                                             → action (act: true) | observed (act: false)
 *   driver → runtime  evaluate                                → ready   (learning is over; only act from now on)
 *
 * Meta-World (task.track "metaworld"), per goal: taskStart, adaptation episodes (rewards and success flags travel),
 * adapt, evaluation episodes (observations only). Observations travel whole, as float32 [observationShape[0]], laid
 * out as task.observation says (metaworld-observation.ts):
 *   driver → runtime  taskStart                               → ready   (a new task began, never which one)
 *   driver → runtime  act { episodeStart, mode } + observation
 *                                                             → continuousAction + action float32 [n] | action { action: null, got }
 *   driver → runtime  observe { reward, terminated, truncated, success, act } + observation
 *                                                             → continuousAction (act: true) | observed (act: false)
 *   driver → runtime  adapt                                   → ready   (adaptation ended; only act from now on)
 */
import { z } from "zod";
import { manifestSchema } from "./manifest";
import {
  METAWORLD_ENV_OBSERVATION_SIZE,
  METAWORLD_OBSERVATIONS,
  observationSize,
  taskObservationParts,
} from "./metaworld-observation";
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
    /**
     * isolation: task: `Math.random` starts from this seed when the bundle loads (and from each episode's own seed at
     * every episode), so a fresh sandbox answers an episode as the run's did. For the learner's own randomness too.
     */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .strict();

export const rlTaskSchema = z
  .object({
    track: z.literal("atari"),
    /** The environment, e.g. "Pong" (or a native test game). */
    game: z.string().min(1),
    /** Discrete actions 0 … actions − 1. */
    actions: z.number().int().min(1),
    actionMeanings: z.array(z.string()),
    /** [H, W, frames] of every observation the agent sees: uint8, newest frame last. Frames travel as [H, W]. */
    observationShape: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]),
    /** Agent steps of learning before evaluation (0 for a policy). */
    learningSteps: z.number().int().min(0),
    seed: z.number().int().min(0),
  })
  .strict();

/**
 * ML1: held-out goals of one task; ML10/ML45: held-out tasks; MT10: the training tasks with visible goals. Here, not
 * in the spec, because a Meta-World task names its benchmark and the protocol imports nothing but itself.
 */
export const METAWORLD_BENCHMARK_NAMES = ["ML1", "ML10", "ML45", "MT10"] as const;

export const metaworldTaskSchema = z
  .object({
    track: z.literal("metaworld"),
    benchmark: z.enum(METAWORLD_BENCHMARK_NAMES),
    /** Every observation is float32 of this length: 39, more when `observation` appends to the environment's. */
    observationShape: z.tuple([z.number().int().min(1)]),
    /** What follows the environment's 39 numbers: nothing, the task's one-hot id, or RL²'s previous action, reward and done. */
    observation: z.enum(METAWORLD_OBSERVATIONS),
    /** [4]: every action is this many numbers. */
    actionShape: z.tuple([z.number().int().min(1)]),
    maxEpisodeSteps: z.number().int().min(1),
    adaptationEpisodes: z.number().int().min(0),
    evaluationEpisodes: z.number().int().min(1),
    /** The goal's observation slots are zeros (ML benchmarks). */
    goalHidden: z.boolean(),
    seed: z.number().int().min(0),
  })
  .strict()
  .refine(
    (task) =>
      task.observation === "one-hot"
        ? task.observationShape[0] > METAWORLD_ENV_OBSERVATION_SIZE
        : observationSize(taskObservationParts(task)) === task.observationShape[0],
    { message: "observationShape does not fit the observation's layout", path: ["observationShape"] },
  );

export const taskSchema = z.discriminatedUnion("track", [fewshotTaskSchema, rlTaskSchema, metaworldTaskSchema]);

export const initMessageSchema = z
  .object({
    type: z.literal("init"),
    manifest: manifestSchema,
    task: taskSchema,
  })
  .refine((m) => m.manifest.track === m.task.track, {
    message: "the manifest's track differs from the task's",
    path: ["manifest", "track"],
  });

export const readyMessageSchema = z.object({ type: z.literal("ready") });

/** Carries supportImages float32 [S,H,W,C], supportLabels int32 [S] (0..ways-1), queryImages float32 [Q,H,W,C]. */
export const episodeMessageSchema = z.object({
  type: z.literal("episode"),
  index: z.number().int().min(0),
  ways: z.number().int().min(2),
  /** isolation: task: `Math.random` (and so TF.js's unseeded randomness) restarts from this seed for the episode. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
});

/** Carries probabilities float32 [Q, ways], exactly as the submitted code produced them. */
export const predictionsMessageSchema = z.object({
  type: z.literal("predictions"),
  index: z.number().int().min(0),
});

/**
 * Atari: carries frame uint8 [H, W], the newest. Meta-World: carries observation float32 [n] and says `mode`.
 * `episodeStart`: the first observation of an episode (Atari: the stack restarts).
 */
export const actMessageSchema = z.object({
  type: z.literal("act"),
  episodeStart: z.boolean(),
  mode: z.enum(["adapt", "eval"]).optional(),
});

/** The outcome of the last action (learning only), carrying the frame it led to. */
export const observeMessageSchema = z.object({
  type: z.literal("observe"),
  reward: z.number(),
  terminated: z.boolean(),
  truncated: z.boolean(),
  /** Atari: a life was lost (and the game goes on), a terminal signal an agent may use for learning. */
  lifeLoss: z.boolean().optional(),
  /** Meta-World: the step solved the task (`info["success"]`). */
  success: z.boolean().optional(),
  /** Whether an action for this observation is wanted (false when the episode or the learning budget ended). */
  act: z.boolean(),
});

export const evaluateMessageSchema = z.object({ type: z.literal("evaluate") });

/** Meta-World: a new task began (forget the last one's adaptation); the runtime answers ready. */
export const taskStartMessageSchema = z.object({ type: z.literal("taskStart") });

/** Meta-World: adaptation ended, evaluation episodes (no rewards) follow; the runtime answers ready. */
export const adaptMessageSchema = z.object({ type: z.literal("adapt") });

/** `action` is the agent's choice when it was a finite number; otherwise null, with `got` saying what it was. */
export const actionMessageSchema = z.object({
  type: z.literal("action"),
  action: z.number().nullable(),
  got: z.string().optional(),
});

/** Meta-World: carries action float32 [n], every value exactly as the agent returned it (the driver checks them). */
export const continuousActionMessageSchema = z.object({ type: z.literal("continuousAction") });

export const observedMessageSchema = z.object({ type: z.literal("observed") });

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
  actionMessageSchema,
  continuousActionMessageSchema,
  observedMessageSchema,
  errorMessageSchema,
]);

/** What the driver may send. */
export const driverMessageSchema = z.discriminatedUnion("type", [
  initMessageSchema,
  episodeMessageSchema,
  actMessageSchema,
  observeMessageSchema,
  evaluateMessageSchema,
  taskStartMessageSchema,
  adaptMessageSchema,
  shutdownMessageSchema,
]);

export type HelloMessage = z.infer<typeof helloMessageSchema>;
export type FewshotTask = z.infer<typeof fewshotTaskSchema>;
export type RlTask = z.infer<typeof rlTaskSchema>;
export type MetaWorldAgentTask = z.infer<typeof metaworldTaskSchema>;
export type Task = z.infer<typeof taskSchema>;
export type InitMessage = z.infer<typeof initMessageSchema>;
export type ActMessage = z.infer<typeof actMessageSchema>;
export type ObserveMessage = z.infer<typeof observeMessageSchema>;
export type ActionMessage = z.infer<typeof actionMessageSchema>;
export type ReadyMessage = z.infer<typeof readyMessageSchema>;
export type EpisodeMessage = z.infer<typeof episodeMessageSchema>;
export type PredictionsMessage = z.infer<typeof predictionsMessageSchema>;
export type ErrorMessage = z.infer<typeof errorMessageSchema>;
export type ShutdownMessage = z.infer<typeof shutdownMessageSchema>;
export type RuntimeMessage = z.infer<typeof runtimeMessageSchema>;
export type DriverMessage = z.infer<typeof driverMessageSchema>;

type TensorSpec = { dtype: TensorDtype; rank: number };

type TensorSpecs = Partial<Record<string, Record<string, TensorSpec>>>;

/** The tensors a message must carry (dtype and rank); shapes are checked by whoever knows the task. */
export const tensorSpecs: TensorSpecs = {
  episode: {
    supportImages: { dtype: "float32", rank: 4 },
    supportLabels: { dtype: "int32", rank: 1 },
    queryImages: { dtype: "float32", rank: 4 },
  },
  predictions: { probabilities: { dtype: "float32", rank: 2 } },
  act: { frame: { dtype: "uint8", rank: 2 } },
  observe: { frame: { dtype: "uint8", rank: 2 } },
  continuousAction: { action: { dtype: "float32", rank: 1 } },
};

/** Meta-World's act and observe carry the whole observation instead of a frame. */
export const metaworldTensorSpecs: TensorSpecs = {
  ...tensorSpecs,
  act: { observation: { dtype: "float32", rank: 1 } },
  observe: { observation: { dtype: "float32", rank: 1 } },
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

/** The frame's tensors, checked against `table` for its message type (no missing, no extra, right dtype and rank). */
export function requireTensors(frame: Frame, table: TensorSpecs = tensorSpecs): Record<string, WireTensor> {
  const specs = table[frame.header.type] ?? {};
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
