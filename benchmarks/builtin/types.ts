import type { FewshotSpec } from "@/lib/benchmark-spec";

/** A benchmark shipped with Heldout, seeded into every installation. */
export type BuiltinBenchmark = {
  slug: string;
  title: string;
  track: FewshotSpec["track"];
  /** One line for lists. */
  summary: string;
  /** The exact protocol, for the benchmark's page (plain text, paragraphs separated by blank lines). */
  about: string;
  /** Built on generated data: shown as "synthetic" wherever it appears. */
  synthetic: true;
  spec: FewshotSpec;
};
