import { PNG } from "pngjs";
import type { Episode } from "@/evaluator/tracks/fewshot/definition/episodes";
import type { FewshotSpec } from "@/lib/benchmark-spec";

/** Query images shown per class row (an episode may have many more). */
export const QUERIES_SHOWN = 5;
const GAP = 2;
/** Extra space between a row's support images and its queries. */
const DIVIDER = 8;

/**
 * An episode as a PNG grid: one row per class (label 0 first), its support images, then up to QUERIES_SHOWN of its
 * query images. Small images are scaled up by pixel repetition; normalised pixels are mapped back to [0, 1].
 */
export function renderEpisodeGrid(input: {
  episode: Episode;
  imageShape: [number, number, number];
  spec: Pick<FewshotSpec, "ways" | "shots" | "queries" | "dataset">;
}): Buffer {
  const { episode, spec } = input;
  const [height, width, channels] = input.imageShape;
  const scale = Math.max(1, Math.floor(64 / Math.max(height, width)));
  const cellW = width * scale;
  const cellH = height * scale;
  const shown = Math.min(QUERIES_SHOWN, spec.queries);
  const columns = spec.shots + shown;
  const png = new PNG({ width: columns * (cellW + GAP) + DIVIDER + GAP, height: spec.ways * (cellH + GAP) + GAP });
  png.data.fill(255);
  const pixels = height * width * channels;
  const normalization = spec.dataset.source === "store" ? spec.dataset.normalization : undefined;

  const draw = (images: Float32Array, slot: number, row: number, column: number) => {
    const x0 = GAP + column * (cellW + GAP) + (column >= spec.shots ? DIVIDER : 0);
    const y0 = GAP + row * (cellH + GAP);
    for (let y = 0; y < cellH; y++) {
      for (let x = 0; x < cellW; x++) {
        const source = slot * pixels + (Math.floor(y / scale) * width + Math.floor(x / scale)) * channels;
        const rgb = [0, 1, 2].map((c) => {
          const channel = channels === 1 ? 0 : c;
          const value = images[source + channel]!;
          const raw = normalization ? value * normalization.std[channel]! + normalization.mean[channel]! : value;
          return Math.round(255 * Math.min(1, Math.max(0, raw)));
        });
        const at = ((y0 + y) * png.width + x0 + x) * 4;
        png.data[at] = rgb[0]!;
        png.data[at + 1] = rgb[1]!;
        png.data[at + 2] = rgb[2]!;
        png.data[at + 3] = 255;
      }
    }
  };
  for (let slot = 0; slot < episode.supportLabels.length; slot++)
    draw(episode.supportImages, slot, episode.supportLabels[slot]!, slot % spec.shots);
  const placed = new Array<number>(spec.ways).fill(0);
  for (let slot = 0; slot < episode.queryLabels.length; slot++) {
    const label = episode.queryLabels[slot]!;
    if (placed[label]! < shown) draw(episode.queryImages, slot, label, spec.shots + placed[label]!++);
  }
  return PNG.sync.write(png);
}
