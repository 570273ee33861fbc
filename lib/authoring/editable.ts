import { stringify } from "yaml";
import type { Db } from "@/db/client";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import type { BenchmarkSpec } from "@/lib/benchmark-spec";
import { partitionRuns } from "@/lib/private-seeds";

/**
 * The YAML an organizer edits to publish a benchmark's next version: the text its current version was authored
 * from, or, for a benchmark created otherwise (built in, imported), its spec written as an authoring document.
 */
export async function loadEditableYaml(
  db: Db,
  slug: string,
): Promise<{ slug: string; title: string; version: number; yaml: string } | undefined> {
  const current = await findBenchmarkBySlug(db, slug);
  if (!current) return undefined;
  const { benchmark, version } = current;
  if (version.source) return { slug, title: benchmark.title, version: version.version, yaml: version.source };
  const spec = withoutPrivateSeeds(version.spec);
  const header = {
    slug,
    title: benchmark.title,
    summary: benchmark.summary || undefined,
    about: benchmark.about || undefined,
  };
  let body: Record<string, unknown>;
  if (spec.track === "fewshot") {
    const { dataset, track, ...protocol } = spec;
    const data =
      dataset.source === "glyphs"
        ? { dataset: "glyphs" }
        : {
            dataset: dataset.store,
            split: dataset.split,
            rotations: dataset.rotations,
            ...(dataset.normalization ? { normalization: dataset.normalization } : {}),
          };
    body = { track, ...data, ...protocol };
  } else {
    body = { ...spec };
  }
  return { slug, title: benchmark.title, version: version.version, yaml: stringify({ ...header, ...body }) };
}

/** The next version draws its own private seeds: those a stored version names (from before they were secret) are left out. */
function withoutPrivateSeeds(spec: BenchmarkSpec): BenchmarkSpec {
  if (spec.track === "fewshot")
    return { ...spec, partitions: { ...spec.partitions, private: { episodes: spec.partitions.private.episodes } } };
  return {
    ...spec,
    partitions: { ...spec.partitions, private: { runs: partitionRuns(spec, "private").length } },
  } as BenchmarkSpec;
}
