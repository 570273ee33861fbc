import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { layersModelFiles } from "@/evaluator/bundle/layers-model-files";
import { MANIFEST_FILE } from "@/evaluator/protocol/manifest";
import { METAWORLD_ENV_OBSERVATION_SIZE } from "@/evaluator/protocol/metaworld-observation";
import { oneOf, parseCommand, UsageError } from "../args";
import { processIo, type Io } from "../io";
import { onnxEmbeddingStarter, onnxExportReadme, onnxPolicyStarter } from "./bundle-init-onnx";

export const USAGE = `Usage: heldout bundle init fewshot --kind embedding|finetune|learner [--format tfjs|onnx] [--out DIR] [--image-shape H,W,C] [--name NAME]
       heldout bundle init metaworld --kind agent|policy [--format tfjs|onnx] [--inputs N] [--out DIR] [--name NAME]
       heldout bundle init atari --kind agent|policy [--format tfjs|onnx] [--actions N] [--out DIR] [--name NAME]

Writes a working bundle skeleton: heldout.json, heldout.d.ts (the exact inputs and outputs, typed), a README, and
either the entry module (few-shot learner.mjs; RL agent.mjs, a random agent seeded by the run's seed) or a small
seeded model: TF.js in model/, or with --format onnx (embedding and policy kinds) an ONNX model.onnx and a README
showing the export from PyTorch, JAX and Keras. Few-shot models take the image shape of the benchmark you target (28,28,1 for Omniglot
and the glyphs; 32,32,3 for CIFAR-FS and FC100); an Atari policy scores the game's minimal action set, so it needs
--actions (Pong 6, Breakout 4); a Meta-World policy takes the benchmark's whole observation, --inputs (default 39;
49 on MT10, whose observation ends with the one-hot task id; 45 with observation: rl2). It passes \`heldout bundle check\` as written; replace the method, keep the interface.`;

const templatesRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "templates");
const TRACKS = ["fewshot", "metaworld", "atari"] as const;
const FEWSHOT_KINDS = ["embedding", "finetune", "learner"] as const;
const RL_KINDS = ["agent", "policy"] as const;
const FORMATS = ["tfjs", "onnx"] as const;
type Track = (typeof TRACKS)[number];
type Format = (typeof FORMATS)[number];
type Starter = {
  files: Record<string, string | Uint8Array>;
  manifest: Record<string, unknown>;
  readme: string;
  summary: string;
};

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const args = parseCommand(
    argv,
    {
      kind: { type: "string" },
      format: { type: "string" },
      out: { type: "string", short: "o" },
      "image-shape": { type: "string" },
      actions: { type: "string" },
      inputs: { type: "string" },
      name: { type: "string" },
    },
    ["track"],
  );
  if (!args) return (io.out(`${USAGE}\n`), 0);
  const track = args.positionals[0] as Track;
  if (!TRACKS.includes(track))
    throw new UsageError(
      `bundle init knows the tracks 'fewshot', 'metaworld' and 'atari', got '${args.positionals[0]}'.`,
    );
  if (args.values.kind === undefined) throw new UsageError("--kind is required.");
  if (track !== "fewshot" && args.values["image-shape"] !== undefined)
    throw new UsageError("--image-shape is for few-shot bundles only.");
  if (!(track === "atari" && args.values.kind === "policy") && args.values.actions !== undefined)
    throw new UsageError("--actions is for Atari policy bundles only.");
  if (!(track === "metaworld" && args.values.kind === "policy") && args.values.inputs !== undefined)
    throw new UsageError("--inputs is for Meta-World policy bundles only.");
  const kind =
    track === "fewshot"
      ? oneOf("kind", args.values.kind, FEWSHOT_KINDS, "learner")
      : oneOf("kind", args.values.kind, RL_KINDS, "agent");
  const format: Format = oneOf("format", args.values.format ?? "tfjs", FORMATS, "tfjs");
  if (format === "onnx" && kind !== "embedding" && kind !== "policy") {
    throw new UsageError(
      `--format onnx is for the embedding and policy kinds; a ${kind} bundle ${kind === "finetune" ? "trains a TF.js layers model" : "is code"}.`,
    );
  }
  const shape = parseShape(args.values["image-shape"] ?? "28,28,1");
  const name = args.values.name ?? `my-${track === "fewshot" ? "" : `${track}-`}${kind}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    throw new UsageError(`--name: letters, digits, '.', '_' or '-', at most 64 characters, got '${name}'.`);
  const out = path.resolve(args.values.out ?? name);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0)
    throw new UsageError(`${out} exists and is not empty; choose another --out.`);
  const starter =
    track === "fewshot"
      ? await fewshotStarter(kind as (typeof FEWSHOT_KINDS)[number], name, shape, format)
      : await rlStarter(
          track,
          kind as (typeof RL_KINDS)[number],
          name,
          track === "atari" ? args.values.actions : args.values.inputs,
          format,
        );

  const manifest = {
    name,
    track,
    kind,
    method: { description: `Describe ${name} here: what it learns and how.`, tags: [] },
    ...starter.manifest,
  };
  const files = {
    ...starter.files,
    "heldout.d.ts": fs.readFileSync(path.join(templatesRoot, track, "heldout.d.ts"), "utf8"),
    [MANIFEST_FILE]: `${JSON.stringify(manifest, null, 2)}\n`,
    "README.md": starter.readme,
  };
  for (const [file, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), body);
  }
  io.out(`${out}\n`);
  io.err(
    `Wrote a ${starter.summary}. Check it with: heldout bundle check ${path.relative(process.cwd(), out) || "."}\n`,
  );
  return 0;
}

async function fewshotStarter(
  kind: (typeof FEWSHOT_KINDS)[number],
  name: string,
  shape: [number, number, number],
  format: Format,
): Promise<Starter> {
  const starter: Starter = {
    files: {},
    manifest: {},
    readme: readme(kind, name, shape),
    summary: `${kind} bundle for ${shape.join("×")} images`,
  };
  if (format === "onnx") {
    const what =
      "model.onnx is an untrained, seeded convolutional ONNX model (3×3 conv, batch norm, ReLU, 2×2 max-pool blocks) mapping images to features; queries go to the nearest class prototype.";
    return {
      files: { "model.onnx": onnxEmbeddingStarter(shape) },
      manifest: { model: "model.onnx", options: { distance: "euclidean" } },
      readme: `${readme(kind, name, shape, what)}\n${onnxExportReadme(shape)}`,
      summary: `ONNX embedding bundle for ${shape.join("×")} images`,
    };
  }
  if (kind === "learner") {
    starter.manifest.entry = "learner.mjs";
    starter.files["learner.mjs"] = fs.readFileSync(path.join(templatesRoot, "fewshot", "learner.mjs"), "utf8");
  } else {
    starter.manifest.model = "model/model.json";
    starter.manifest.options =
      kind === "embedding"
        ? { distance: "euclidean" }
        : { steps: 50, lr: 0.01, optimizer: "sgd", trainable: "head", head: "prototype" };
    starter.files = await starterModel(shape);
  }
  return starter;
}

/**
 * Meta-World and Atari: a seeded random agent, or a small seeded policy model of the track's input and output.
 * `sizeFlag`: Atari's --actions, Meta-World's --inputs.
 */
async function rlStarter(
  track: "metaworld" | "atari",
  kind: (typeof RL_KINDS)[number],
  name: string,
  sizeFlag: string | undefined,
  format: Format,
): Promise<Starter> {
  const label = track === "metaworld" ? "Meta-World" : "Atari";
  if (kind === "agent") {
    return {
      files: { "agent.mjs": fs.readFileSync(path.join(templatesRoot, track, "agent.mjs"), "utf8") },
      manifest: { entry: "agent.mjs", options: {} },
      readme: rlReadme(
        label,
        kind,
        name,
        "agent.mjs default-exports a factory returning the agent; it starts as uniformly random actions from a generator seeded by the run's seed.",
      ),
      summary: `${label} agent bundle`,
    };
  }
  if (format === "onnx") return onnxPolicy(track, name, sizeFlag);
  if (track === "metaworld") {
    const inputs = metaworldInputs(sizeFlag);
    return {
      files: await policyModel([inputs], 4),
      manifest: { model: "model/model.json" },
      readme: rlReadme(
        label,
        kind,
        name,
        `model/ holds an untrained, seeded TF.js layers model mapping an observation [1, ${inputs}] to an action [1, 4] (tanh, so in [-1, 1]). Train your own and save it over model/; it is used as it is, with no adaptation. Its input must be the benchmark's whole observation (see heldout.d.ts): 39 on ML benchmarks, 49 on MT10 (the one-hot task id follows the 39), 45 with observation: rl2.`,
      ),
      summary: `Meta-World policy bundle for ${inputs} observation values`,
    };
  }
  const actions = atariActions(sizeFlag);
  return {
    files: await policyModel([84, 84, 4], actions),
    manifest: { model: "model/model.json" },
    readme: rlReadme(
      label,
      kind,
      name,
      `model/ holds an untrained, seeded TF.js layers model mapping stacked frames [1, 84, 84, 4] (raw 0–255 pixels) to ${actions} action scores; the action is the argmax. Train your own and save it over model/ (a game with another action count needs another output size).`,
    ),
    summary: `Atari policy bundle for ${actions} actions`,
  };
}

function metaworldInputs(flag: string | undefined): number {
  const inputs = Number(flag ?? METAWORLD_ENV_OBSERVATION_SIZE);
  if (!Number.isInteger(inputs) || inputs < METAWORLD_ENV_OBSERVATION_SIZE || inputs > 1000) {
    throw new UsageError(
      `--inputs must be the benchmark's observation length, an integer from 39 (39 on ML benchmarks, 49 on MT10, 45 with observation: rl2), got '${flag}'.`,
    );
  }
  return inputs;
}

function atariActions(flag: string | undefined): number {
  if (flag === undefined)
    throw new UsageError(
      "--actions is required for an Atari policy: the size of the game's minimal action set (Pong 6, Breakout 4).",
    );
  const actions = Number(flag);
  if (!Number.isInteger(actions) || actions < 2 || actions > 18)
    throw new UsageError(`--actions must be an integer from 2 to 18, got '${flag}'.`);
  return actions;
}

/** An ONNX policy starter: model.onnx of the track's shapes, and how to export a trained one. */
function onnxPolicy(track: "metaworld" | "atari", name: string, sizeFlag: string | undefined): Starter {
  const label = track === "metaworld" ? "Meta-World" : "Atari";
  const size = track === "atari" ? atariActions(sizeFlag) : metaworldInputs(sizeFlag);
  const actions = track === "atari" ? size : 4;
  const what =
    track === "metaworld"
      ? `model.onnx is an untrained, seeded ONNX model mapping an observation [1, ${size}] to an action [1, 4] (tanh, so in [-1, 1]); it is used as it is, with no adaptation. Its input must be the benchmark's whole observation: 39 on ML benchmarks, 49 on MT10, 45 with observation: rl2.`
      : `model.onnx is an untrained, seeded ONNX model mapping stacked frames [1, 84, 84, 4] (raw 0–255 pixels) to ${actions} action scores; the action is the argmax (a game with another action count needs another output size).`;
  return {
    files: { "model.onnx": onnxPolicyStarter(track, size) },
    manifest: { model: "model.onnx" },
    readme: `${rlReadme(label, "policy", name, what)}\n${onnxExportReadme(track === "metaworld" ? [size] : [84, 84, 4])}`,
    summary: `${label} ONNX policy bundle${track === "atari" ? ` for ${actions} actions` : ""}`,
  };
}

function parseShape(text: string): [number, number, number] {
  const parts = text.split(",").map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p < 1 || p > 512))
    throw new UsageError(`--image-shape must be H,W,C (e.g. 28,28,1), got '${text}'.`);
  return parts as [number, number, number];
}

/** A seeded two-layer convolutional model → 64 features, saved as a TF.js layers model: a valid start to replace. */
async function starterModel([h, w, c]: [number, number, number]): Promise<Record<string, string | Uint8Array>> {
  const tf = await import("@tensorflow/tfjs");
  await tf.setBackend("cpu");
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({
        name: "conv1",
        inputShape: [h, w, c],
        filters: 16,
        kernelSize: 3,
        padding: "same",
        activation: "relu",
        kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
      }),
      tf.layers.maxPooling2d({ name: "pool1", poolSize: 2 }),
      tf.layers.conv2d({
        name: "conv2",
        filters: 32,
        kernelSize: 3,
        padding: "same",
        activation: "relu",
        kernelInitializer: tf.initializers.heNormal({ seed: 2 }),
      }),
      tf.layers.globalAveragePooling2d({ name: "pool2" }),
      tf.layers.dense({ name: "features", units: 64, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  return saveModel(tf, model);
}

/** A seeded policy: [input] → [outputs] (tanh outputs for a continuous action; scores otherwise). */
async function policyModel(input: number[], outputs: number): Promise<Record<string, string | Uint8Array>> {
  const tf = await import("@tensorflow/tfjs");
  await tf.setBackend("cpu");
  const body =
    input.length === 1
      ? [
          tf.layers.dense({
            name: "hidden",
            inputShape: input,
            units: 32,
            activation: "tanh",
            kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
          }),
        ]
      : [
          tf.layers.conv2d({
            name: "conv1",
            inputShape: input,
            filters: 8,
            kernelSize: 8,
            strides: 4,
            activation: "relu",
            kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
          }),
          tf.layers.globalAveragePooling2d({ name: "pool" }),
        ];
  const head = tf.layers.dense({
    name: "out",
    units: outputs,
    activation: input.length === 1 ? "tanh" : "linear",
    kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
  });
  return saveModel(tf, tf.sequential({ layers: [...body, head] }));
}

/** The model's files as a TF.js layers model (model/model.json + model/weights.bin); disposes the model. */
async function saveModel(
  tf: typeof import("@tensorflow/tfjs"),
  model: import("@tensorflow/tfjs").Sequential,
): Promise<Record<string, string | Uint8Array>> {
  const files = await layersModelFiles(tf, model);
  model.dispose();
  return files;
}

function readme(
  kind: (typeof FEWSHOT_KINDS)[number],
  name: string,
  shape: [number, number, number],
  modelText?: string,
): string {
  const what =
    modelText ??
    {
      learner:
        "learner.mjs default-exports a factory returning { adapt(support), predict(query) }; it starts as nearest class mean in pixel space.",
      embedding:
        "model/ holds an untrained, seeded TF.js layers model mapping images to 64 features; queries go to the nearest class prototype. Train your own and save it over model/ (tf.LayersModel.save, or a converted graph model).",
      finetune:
        "model/ holds an untrained, seeded TF.js layers model mapping images to 64 features; the evaluator adds a head per episode and fine-tunes as heldout.json's options say (steps, lr, optimizer, trainable, head). Meta-train your own body and save it over model/.",
    }[kind];
  return `# ${name}

A Heldout few-shot bundle of kind \`${kind}\` for ${shape.join("×")} images.

${what}

heldout.d.ts states the exact inputs (float32 NHWC in [0, 1], class-major support set, shuffled queries without
labels) and the outputs (probabilities [queries, ways], rows summing to 1).

    heldout bundle check .      # the server's checks, locally
    heldout bundle pack .       # → ${name}.tar.gz
    heldout submit --benchmark <slug> ${name}.tar.gz
`;
}

function rlReadme(label: string, kind: string, name: string, what: string): string {
  return `# ${name}

A Heldout ${label} bundle of kind \`${kind}\`.

${what}

heldout.d.ts states the exact inputs (the task description, observations, what reaches observe()) and what the agent
or model must return.

    heldout bundle check .      # the server's checks, locally
    heldout bundle pack .       # → ${name}.tar.gz
    heldout submit --benchmark <slug> ${name}.tar.gz
`;
}
