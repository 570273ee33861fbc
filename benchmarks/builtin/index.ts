import type { BenchmarkDefinition } from "@/db/queries/benchmarks";
import { atari100k, atariDemo } from "./atari";
import { glyphs5way1shot, glyphs5way5shot } from "./glyphs";
import { METAWORLD_BENCHMARKS, metaworldDemo } from "./metaworld";
import type { BuiltinBenchmark } from "./types";

/** The benchmarks every installation starts with (the seeder inserts them idempotently by slug). */
export const builtinBenchmarks: BuiltinBenchmark[] = [glyphs5way1shot, glyphs5way5shot];

/**
 * How the seeder queues a board's baselines: `normal` at the baselines' usual priority, `background` behind every
 * other job (lib/submissions/queue-evaluation.ts JOB_PRIORITY), so hours of baseline work never delay a competitor,
 * a re-evaluation or another board's baselines.
 */
export type BaselinePriority = "normal" | "background";

export type SeededRlBenchmark = { definition: BenchmarkDefinition; baselines: BaselinePriority };

const standard = (slug: string): BenchmarkDefinition => METAWORLD_BENCHMARKS.find((b) => b.slug === slug)!;

/**
 * The RL boards every installation starts with. The demo boards' baselines are scored within minutes on 2 cores, so a
 * first visit sees both RL tracks work; the standard boards (Atari 100K, Meta-World ML10 and ML45) take hours of CPU
 * per unit, so their baselines run in the background.
 */
export const seededRlBenchmarks: SeededRlBenchmark[] = [
  { definition: atariDemo, baselines: "normal" },
  { definition: metaworldDemo, baselines: "normal" },
  { definition: atari100k, baselines: "background" },
  { definition: standard("metaworld-ml10"), baselines: "background" },
  { definition: standard("metaworld-ml45"), baselines: "background" },
];

export type { BuiltinBenchmark } from "./types";
