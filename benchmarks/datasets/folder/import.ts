import fs from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { fewshotSpecSchema } from "@/lib/benchmark-spec";
import type { BenchmarkDefinition } from "@/db/queries/benchmarks";
import { checkFewshotSpec } from "@/evaluator/tracks/fewshot/definition";
import { importError, type ImportOptions } from "../import-support";
import { resizeArea, toBytes } from "../images";
import type { StoreIndex } from "../store-index";
import { writeStore } from "../store-write";
import { parseYaml } from "@/lib/yaml";
import { folderBenchmarkSchema, splitFileSchema, type FolderBenchmark } from "./spec";

const natural = new Intl.Collator("en", { numeric: true }).compare;
/** The split of a folder dataset, as stored with it. */
export const FOLDER_SPLIT = "default";

/**
 * Reads an organizer's benchmark.yaml, imports its image folder (the split's classes only, each image resized to
 * imageSize by area averaging) into a store atomically, and returns the benchmark definition pinned to those pixels.
 */
export async function importFolderBenchmark(
  yamlFile: string,
  options: ImportOptions,
): Promise<{ index: StoreIndex; definition: BenchmarkDefinition }> {
  if (!fs.existsSync(yamlFile)) throw importError(`${yamlFile} does not exist`);
  const spec = parseYaml(yamlFile, fs.readFileSync(yamlFile, "utf8"), folderBenchmarkSchema);
  const base = path.dirname(yamlFile);
  const splitFile = path.resolve(base, spec.dataset.split);
  if (!fs.existsSync(splitFile)) throw importError(`${yamlFile}: dataset.split: ${splitFile} does not exist`);
  const split = parseYaml(splitFile, fs.readFileSync(splitFile, "utf8"), splitFileSchema);
  const folder = path.resolve(base, spec.dataset.folder);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory())
    throw importError(`${yamlFile}: dataset.folder: ${folder} is not a folder`);

  const names = [...split.train, ...split.val, ...split.test];
  const seen = new Map<string, string>();
  for (const part of ["train", "val", "test"] as const) {
    for (const name of split[part]) {
      if (seen.has(name))
        throw importError(
          `${splitFile}: class "${name}" is in both ${seen.get(name)} and ${part}: meta-train and meta-test classes must be disjoint`,
        );
      seen.set(name, part);
      if (!fs.existsSync(path.join(folder, name)))
        throw importError(`${splitFile}: ${part} names class "${name}", which has no folder in ${folder}`);
    }
  }
  const total = names.reduce((n, name) => n + listImages(path.join(folder, name)).length, 0);
  let done = 0;
  const classes = names.map((name) => {
    const files = listImages(path.join(folder, name));
    const images = files.map((file) => {
      const image = readImage(path.join(folder, name, file), spec);
      options.onProgress?.({ stage: "images", done: ++done, total });
      return image;
    });
    const needed = spec.shots + spec.queries;
    if (split.test.includes(name) && images.length < needed) {
      throw importError(
        `class "${name}" has ${images.length} images; ${spec.shots} shots + ${spec.queries} queries need ${needed} per meta-test class`,
      );
    }
    if (images.length === 0) throw importError(`class "${name}" has no PNG image in ${path.join(folder, name)}`);
    return { name, group: "", images };
  });

  const [height, width] = spec.dataset.imageSize;
  const index = await writeStore(options.datasetsDir, {
    name: spec.dataset.name,
    imageShape: [height, width, spec.dataset.channels],
    classes,
    complete: true,
    sources: [],
    preprocessing: `PNG images resized to ${height}×${width} by area averaging, ${spec.dataset.channels === 1 ? "grey (luminance 0.299 R + 0.587 G + 0.114 B)" : "RGB"}, values 0–255 read as /255.`,
    splits: { [FOLDER_SPLIT]: { train: split.train, val: split.val, test: split.test } },
  });
  const definition = toDefinition(spec, index);
  if (definition.spec.track === "fewshot") checkFewshotSpec(definition.spec, options.datasetsDir);
  return { index, definition };
}

function listImages(dir: string): string[] {
  const files = fs.readdirSync(dir).filter((f) => !f.startsWith("."));
  const other = files.find((f) => !f.toLowerCase().endsWith(".png"));
  if (other) throw importError(`${path.join(dir, other)}: only PNG images are supported (convert other formats first)`);
  return files.sort(natural);
}

function readImage(file: string, spec: FolderBenchmark): Uint8Array {
  let png: PNG;
  try {
    png = PNG.sync.read(fs.readFileSync(file));
  } catch (error) {
    throw importError(`${file} is not a readable PNG: ${(error as Error).message}`);
  }
  const channels = spec.dataset.channels;
  const values = new Float32Array(png.width * png.height * channels);
  for (let p = 0; p < png.width * png.height; p++) {
    const [r, g, b] = [png.data[p * 4]! / 255, png.data[p * 4 + 1]! / 255, png.data[p * 4 + 2]! / 255];
    if (channels === 1) values[p] = 0.299 * r + 0.587 * g + 0.114 * b;
    else values.set([r, g, b], p * 3);
  }
  const [height, width] = spec.dataset.imageSize;
  return toBytes(resizeArea(values, { height: png.height, width: png.width }, { height, width }, channels));
}

function toDefinition(spec: FolderBenchmark, index: StoreIndex): BenchmarkDefinition {
  const fewshot = fewshotSpecSchema.parse({
    track: "fewshot",
    dataset: {
      source: "store",
      store: index.name,
      split: FOLDER_SPLIT,
      rotations: false,
      sha256: index.sha256,
      normalization: spec.dataset.normalization,
    },
    ways: spec.ways,
    shots: spec.shots,
    queries: spec.queries,
    partitions: spec.partitions,
    kinds: spec.kinds,
    ...(spec.limits ? { limits: spec.limits } : {}),
  });
  const [h, w, c] = index.imageShape;
  const norm = spec.dataset.normalization
    ? `, then normalised per channel as (x − mean) / std with mean [${spec.dataset.normalization.mean.join(", ")}] and std [${spec.dataset.normalization.std.join(", ")}]`
    : "";
  const about = `${spec.about ? `${spec.about}\n\n` : ""}Organizer-defined: ${spec.ways}-way ${spec.shots}-shot episodes, ${spec.queries} queries per class, from the ${index.splits[FOLDER_SPLIT]!.test.length} meta-test classes of ${index.name}; ${spec.partitions.public.episodes} public and ${spec.partitions.private.episodes} private episodes (the private seed drawn by this installation, published after the reveal).
Input: float32 NHWC [N, ${h}, ${w}, ${c}], pixels in [0, 1]${norm}. Scores: accuracy mean with the 95% interval mean ± 1.96·s/√n (s the sample standard deviation over episodes), NLL, Brier and ECE (15 bins).`;
  return {
    slug: spec.slug,
    title: spec.title,
    track: "fewshot",
    summary:
      spec.summary ??
      `${spec.ways}-way ${spec.shots}-shot classification on ${index.name}, ${spec.queries} queries per class.`,
    about,
    synthetic: false,
    spec: fewshot,
  };
}
