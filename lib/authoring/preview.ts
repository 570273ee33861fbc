import type { Db } from "@/db/client";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { fewshotSpecSchema, type FewshotSpec } from "@/lib/benchmark-spec";
import { AppError } from "@/lib/core/errors";
import { summarizeRlSpec, type SpecSummary } from "@/lib/server/spec-summary";
import type { YamlIssue } from "@/lib/yaml";
import { renderEpisodeGrid } from "./episode-grid";
import { PREVIEW_EPISODES, previewEpisode } from "./preview-episodes";
import { registerStoreSplit } from "./store-split";
import { validateAuthoring } from "./validate";

export type AuthoringPreview =
  | { valid: false; issues: YamlIssue[] }
  | {
      valid: true;
      slug: string;
      title: string;
      track: string;
      summary: string;
      /** The version publishing would create, and the current one when the slug exists. */
      current: { version: number; track: string } | null;
      leakage: { checked: string; problem: string | null };
      /** Few-shot: the query string of each previewed episode's image (see `episodeImage`). RL: tasks and budgets. */
      episodes: string[];
      rl: SpecSummary | null;
    };

/**
 * Validates an authored YAML and says what it will evaluate: for few-shot, the public partition's first episodes (as
 * image URLs' query strings); for RL, the tasks and budgets. An authored class split is added to its store here, so
 * the preview samples from exactly what will be published (its name derives from its lists: harmless if unused).
 */
export async function previewAuthoring(input: {
  db: Db;
  text: string;
  datasetsDir: string;
}): Promise<AuthoringPreview> {
  const validation = validateAuthoring({ text: input.text, datasetsDir: input.datasetsDir });
  if (!validation.ok) return { valid: false, issues: validation.issues };
  const { definition, leakage, leakageProblem, register } = validation.benchmark;
  const existing = await findBenchmarkBySlug(input.db, definition.slug);
  const { spec } = definition;
  let episodes: string[] = [];
  if (spec.track === "fewshot" && !leakageProblem) {
    if (register) await registerStoreSplit({ datasetsDir: input.datasetsDir, ...register });
    const token = encodeSpec(spec);
    episodes = Array.from(
      { length: Math.min(PREVIEW_EPISODES, spec.partitions.public.episodes) },
      (_, i) => `spec=${token}&episode=${i}`,
    );
  }
  return {
    valid: true,
    slug: definition.slug,
    title: definition.title,
    track: definition.track,
    summary: definition.summary,
    current: existing ? { version: existing.version.version, track: existing.benchmark.track } : null,
    leakage: { checked: leakage.checked, problem: leakageProblem ?? null },
    episodes,
    rl: spec.track === "fewshot" ? null : summarizeRlSpec(spec),
  };
}

/** A preview episode as PNG: the spec travels in the URL (it is small), checked again here. */
export function episodeImage(input: { spec: string; episode: number; datasetsDir: string }): Buffer {
  const spec = decodeSpec(input.spec);
  if (input.episode >= Math.min(PREVIEW_EPISODES, spec.partitions.public.episodes)) {
    throw new AppError(
      "invalid_request",
      `The preview shows episodes 0 to ${PREVIEW_EPISODES - 1} of the public partition.`,
    );
  }
  const { episode, imageShape } = previewEpisode({ spec, index: input.episode, datasetsDir: input.datasetsDir });
  return renderEpisodeGrid({ episode, imageShape, spec });
}

export function encodeSpec(spec: FewshotSpec): string {
  return Buffer.from(JSON.stringify(spec)).toString("base64url");
}

function decodeSpec(token: string): FewshotSpec {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw new AppError("invalid_request", "spec: not a preview token.");
  }
  const parsed = fewshotSpecSchema.safeParse(value);
  if (!parsed.success)
    throw new AppError("invalid_request", `spec: not a few-shot spec (${parsed.error.issues[0]?.message}).`);
  return parsed.data;
}
