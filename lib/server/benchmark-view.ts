import type { User } from "@/db/queries/users";
import {
  getBenchmarkView,
  listBenchmarkVersions,
  listBenchmarkViews,
  listOpenBenchmarks,
  listOrganizedBenchmarkViews,
  type BenchmarkView,
  type Viewer,
} from "@/db/queries/views";
import { AppError } from "@/lib/core/errors";
import { isOrganizer } from "@/lib/http/auth";
import { quoteValue, slugSchema } from "@/lib/http/identifiers";
import { getDatabase } from "./context";

export type { BenchmarkView, PhaseView } from "@/db/queries/views";

/** The benchmarks the viewer may see, with their current phase and submission counts. */
export async function listVisibleBenchmarks(viewer: Viewer) {
  return listBenchmarkViews(getDatabase().db, viewer);
}

/**
 * The organize console's list: the benchmarks the user may organize (admins every one; anyone else those they own or
 * co-organize, whatever their role) and whether they may create one (the organizer role). Someone with neither gets
 * `allowed: false`.
 */
export async function loadOrganizeList(user: User) {
  const benchmarks = await listOrganizedBenchmarkViews(getDatabase().db, user);
  const canCreate = isOrganizer(user);
  return { allowed: canCreate || benchmarks.length > 0, canCreate, benchmarks };
}

/** The benchmarks the viewer may submit to now: visible, with an open phase (the upload form's choices). */
export async function listBenchmarksOpenTo(viewer: Viewer) {
  return listOpenBenchmarks(getDatabase().db, viewer);
}

/** A benchmark as the viewer may see it; unknown or hidden from them → 404. */
export async function requireBenchmarkView(input: { slug: string; viewer: Viewer }): Promise<BenchmarkView> {
  // Pages pass their path parameter as it came: a malformed slug names nothing and never reaches a query.
  const benchmark = slugSchema.safeParse(input.slug).success
    ? await getBenchmarkView(getDatabase().db, input)
    : undefined;
  if (!benchmark) throw new AppError("benchmark_not_found", `No benchmark named ${quoteValue(input.slug)}.`, 404);
  return benchmark;
}

/** Every published version of a benchmark, newest first, with its count of public scored entries. */
export async function listVersionsOf(benchmarkId: string) {
  return listBenchmarkVersions(getDatabase().db, benchmarkId);
}

/** A visible benchmark with its version history, for its About page. */
export async function loadBenchmarkAbout(input: { slug: string; viewer: Viewer }) {
  const benchmark = await requireBenchmarkView(input);
  return { benchmark, versions: await listVersionsOf(benchmark.id) };
}
