import type { FewshotSpec } from "@/lib/benchmark-spec";
import { AppError } from "@/lib/core/errors";
import { loadStore, readStoreIndex, type OpenStore } from "@/benchmarks/datasets";
import { resolveSplit } from "@/benchmarks/splits/resolve";
import type { FewshotDataset } from "./dataset-view";

type StoreSource = Extract<FewshotSpec["dataset"], { source: "store" }>;

const loaded = new Map<string, OpenStore>();

/**
 * A benchmark's view of an imported store. Class ids number the split's classes train, val, then test (each as four
 * ids, one per rotation, when `rotations` is on); meta-test episodes draw from `testClasses` only. The index is read
 * now (cheap: enough to check a spec); pixels are loaded on the first image and shared by later views in the process.
 */
export function openStoreDataset(datasetsDir: string, source: StoreSource): FewshotDataset {
  const index = readStoreIndex(datasetsDir, source.store);
  if (!index)
    throw new AppError(
      "dataset_missing",
      `dataset "${source.store}" has not been imported into ${datasetsDir} (run \`heldout import\`)`,
      503,
    );
  if (index.sha256 !== source.sha256) {
    throw new AppError(
      "dataset_mismatch",
      `dataset "${source.store}" in ${datasetsDir} has images ${index.sha256.slice(0, 12)}…, but this benchmark version was defined on ${source.sha256.slice(0, 12)}…: import the same files again`,
      503,
    );
  }
  const split = resolveSplit(index, source.split);
  const names = [...split.train, ...split.val, ...split.test];
  const byName = new Map(index.classes.map((c) => [c.name, c]));
  const entries = names.map((n) => byName.get(n)!);
  const rotations = source.rotations ? 4 : 1;
  const ids = (from: number, count: number) =>
    Array.from({ length: count * rotations }, (_, i) => from * rotations + i);
  const [height, width, channels] = index.imageShape;
  if (source.rotations && height !== width)
    throw new AppError("spec_invalid", `rotations need square images; ${index.name} has ${height}×${width}`);
  const pixels = height * width * channels;
  const { mean, std } = source.normalization ?? { mean: Array(channels).fill(0), std: Array(channels).fill(1) };
  if (mean.length !== channels)
    throw new AppError(
      "spec_invalid",
      `normalization has ${mean.length} channel(s); ${index.name} images have ${channels}`,
    );
  const key = `${datasetsDir}\0${index.name}\0${index.sha256}`;
  const store = () => {
    let open = loaded.get(key);
    if (!open) {
      open = loadStore(datasetsDir, index.name);
      loaded.set(key, open);
    }
    return open;
  };
  return {
    name: `${index.name} (${split.id})`,
    imageShape: index.imageShape,
    drawers: Math.min(...entries.map((e) => e.count)),
    trainClasses: ids(0, split.train.length),
    testClasses: ids(split.train.length + split.val.length, split.test.length),
    image(classId, drawer) {
      const entry = entries[Math.floor(classId / rotations)];
      if (!Number.isInteger(classId) || !entry)
        throw new RangeError(`no class ${classId} in ${index.name} (${split.id})`);
      if (!Number.isInteger(drawer) || drawer < 0 || drawer >= entry.count)
        throw new RangeError(`class ${entry.name} has no image ${drawer}`);
      const start = (entry.offset + drawer) * pixels;
      const bytes = store().pixels.subarray(start, start + pixels);
      const image = rotate(bytes, height, channels, classId % rotations);
      if (source.normalization)
        for (let i = 0; i < image.length; i++) image[i] = (image[i]! - mean[i % channels]!) / std[i % channels]!;
      return image;
    },
  };
}

/** uint8 HWC → float32 in [0, 1], rotated counter-clockwise by quarter·90 degrees (square images). */
function rotate(bytes: Uint8Array, size: number, channels: number, quarter: number): Float32Array {
  const out = new Float32Array(bytes.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Source pixel of output (y, x) under a counter-clockwise rotation.
      const [sy, sx] =
        quarter === 0
          ? [y, x]
          : quarter === 1
            ? [x, size - 1 - y]
            : quarter === 2
              ? [size - 1 - y, size - 1 - x]
              : [size - 1 - x, y];
      for (let c = 0; c < channels; c++)
        out[(y * size + x) * channels + c] = bytes[(sy * size + sx) * channels + c]! / 255;
    }
  }
  return out;
}
