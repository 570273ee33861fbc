import { glyphs5way1shot, glyphs5way5shot } from "./glyphs";
import type { BuiltinBenchmark } from "./types";

/** The benchmarks every installation starts with (the seeder inserts them idempotently by slug). */
export const builtinBenchmarks: BuiltinBenchmark[] = [glyphs5way1shot, glyphs5way5shot];

export type { BuiltinBenchmark } from "./types";
