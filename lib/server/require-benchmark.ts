import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { AppError } from "@/lib/core/errors";
import { getDatabase } from "./context";

/** The benchmark named `slug`, or the 404 every organizer route gives for an unknown one. */
export async function requireBenchmark(slug: string) {
  const found = await findBenchmarkBySlug(getDatabase().db, slug);
  if (!found) throw new AppError("benchmark_not_found", `No benchmark named '${slug}'.`, 404);
  return found.benchmark;
}
