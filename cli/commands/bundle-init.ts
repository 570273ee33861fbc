import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MANIFEST_FILE } from "@/lib/manifest";
import { oneOf, parseCommand, UsageError } from "../args";
import { processIo, type Io } from "../io";

export const USAGE = `Usage: heldout bundle init fewshot --kind embedding|finetune|learner [--out DIR] [--image-shape H,W,C] [--name NAME]

Writes a working few-shot bundle skeleton: heldout.json, heldout.d.ts (the exact inputs and outputs, typed), a README,
and either learner.mjs (kind learner) or a small seeded TF.js model in model/ (kinds embedding and finetune) for the
image shape of the benchmark you target (28,28,1 for Omniglot and the glyphs; 32,32,3 for CIFAR-FS and FC100).
It passes \`heldout bundle check\` as written; replace the method, keep the interface.`;

const templates = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "templates", "fewshot");
const KINDS = ["embedding", "finetune", "learner"] as const;

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const args = parseCommand(argv, { kind: { type: "string" }, out: { type: "string", short: "o" }, "image-shape": { type: "string" }, name: { type: "string" } }, ["track"]);
  if (!args) return io.out(`${USAGE}\n`), 0;
  if (args.positionals[0] !== "fewshot") throw new UsageError(`bundle init knows the 'fewshot' track only, got '${args.positionals[0]}'.`);
  if (args.values.kind === undefined) throw new UsageError("--kind is required.");
  const kind = oneOf("kind", args.values.kind, KINDS, "learner");
  const shape = parseShape(args.values["image-shape"] ?? "28,28,1");
  const name = args.values.name ?? `my-${kind}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) throw new UsageError(`--name: letters, digits, '.', '_' or '-', at most 64 characters, got '${name}'.`);
  const out = path.resolve(args.values.out ?? name);
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) throw new UsageError(`${out} exists and is not empty; choose another --out.`);

  const files: Record<string, string | Uint8Array> = { "heldout.d.ts": fs.readFileSync(path.join(templates, "heldout.d.ts"), "utf8") };
  const manifest: Record<string, unknown> = { name, track: "fewshot", kind, method: { description: `Describe ${name} here: what it learns and how.`, tags: [] } };
  if (kind === "learner") {
    manifest.entry = "learner.mjs";
    files["learner.mjs"] = fs.readFileSync(path.join(templates, "learner.mjs"), "utf8");
  } else {
    manifest.model = "model/model.json";
    manifest.options = kind === "embedding" ? { distance: "euclidean" } : { steps: 50, lr: 0.01, optimizer: "sgd", trainable: "head", head: "prototype" };
    Object.assign(files, await starterModel(shape));
  }
  files[MANIFEST_FILE] = `${JSON.stringify(manifest, null, 2)}\n`;
  files["README.md"] = readme(kind, name, shape);
  for (const [file, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), body);
  }
  io.out(`${out}\n`);
  io.err(`Wrote a ${kind} bundle for ${shape.join("×")} images. Check it with: heldout bundle check ${path.relative(process.cwd(), out) || "."}\n`);
  return 0;
}

function parseShape(text: string): [number, number, number] {
  const parts = text.split(",").map(Number);
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p < 1 || p > 512)) throw new UsageError(`--image-shape must be H,W,C (e.g. 28,28,1), got '${text}'.`);
  return parts as [number, number, number];
}

/** A seeded two-layer convolutional model → 64 features, saved as a TF.js layers model: a valid start to replace. */
async function starterModel([h, w, c]: [number, number, number]): Promise<Record<string, string | Uint8Array>> {
  const tf = await import("@tensorflow/tfjs");
  await tf.setBackend("cpu");
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ name: "conv1", inputShape: [h, w, c], filters: 16, kernelSize: 3, padding: "same", activation: "relu", kernelInitializer: tf.initializers.heNormal({ seed: 1 }) }),
      tf.layers.maxPooling2d({ name: "pool1", poolSize: 2 }),
      tf.layers.conv2d({ name: "conv2", filters: 32, kernelSize: 3, padding: "same", activation: "relu", kernelInitializer: tf.initializers.heNormal({ seed: 2 }) }),
      tf.layers.globalAveragePooling2d({ name: "pool2" }),
      tf.layers.dense({ name: "features", units: 64, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
    ],
  });
  let files: Record<string, string | Uint8Array> = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      files = {
        "model/model.json": JSON.stringify({ format: "layers-model", modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ["weights.bin"], weights: artifacts.weightSpecs }] }),
        "model/weights.bin": new Uint8Array(artifacts.weightData as ArrayBuffer),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  model.dispose();
  return files;
}

function readme(kind: (typeof KINDS)[number], name: string, shape: [number, number, number]): string {
  const what = {
    learner: "learner.mjs default-exports a factory returning { adapt(support), predict(query) }; it starts as nearest class mean in pixel space.",
    embedding: "model/ holds an untrained, seeded TF.js layers model mapping images to 64 features; queries go to the nearest class prototype. Train your own and save it over model/ (tf.LayersModel.save, or a converted graph model).",
    finetune: "model/ holds an untrained, seeded TF.js layers model mapping images to 64 features; the evaluator adds a head per episode and fine-tunes as heldout.json's options say (steps, lr, optimizer, trainable, head). Meta-train your own body and save it over model/.",
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
