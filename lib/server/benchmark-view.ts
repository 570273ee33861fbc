import { type Db } from "@/db/client";
import { benchmarkVisibleTo, canSeeBenchmark, type Viewer } from "@/lib/benchmark-access";
import { organizedBy } from "@/db/queries/benchmark-organizers";
import { listBenchmarkRows, type Benchmark, type Phase } from "@/db/queries/benchmarks";
import { type User } from "@/db/queries/users";
import { countPublicSubmissions, listBenchmarkVersions } from "@/db/queries/views";
import { type BenchmarkSpec, type Partition } from "@/lib/benchmark-spec";
import { findBenchmarkById, findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { AppError } from "@/lib/core/errors";
import { isOrganizer } from "@/lib/http/auth";
import { quoteValue, slugSchema } from "@/lib/http/identifiers";
import { getDatabase } from "./context";

/**
 * A benchmark's phase as readers see it now. `publicCutoff`: while the leaderboard is frozen (after `frozenAt`, until
 * the reveal), only entries created before it are shown publicly; later ones are scored and visible to their owners.
 * null: not frozen now.
 */
export type PhaseView = Phase & { isOpen: boolean; privateRevealed: boolean; publicCutoff: Date | null };

export type BenchmarkView = Benchmark & { version: number; spec: BenchmarkSpec; phase: PhaseView | undefined };

/** Whether `phase` accepts submissions at `now`. */
export function isPhaseOpen(phase: Phase, now = new Date()): boolean {
  return phase.opensAt <= now && (phase.closesAt === null || phase.closesAt > now);
}

/** Private-partition scores stay sealed until the reveal, organizers included; the board freezes before it. */
export function describePhase(phase: Phase, now: Date): PhaseView {
  const privateRevealed = phase.revealAt !== null && phase.revealAt <= now;
  const publicCutoff = phase.frozenAt !== null && phase.frozenAt <= now && !privateRevealed ? phase.frozenAt : null;
  return { ...phase, isOpen: isPhaseOpen(phase, now), privateRevealed, publicCutoff };
}

/** Whether the viewer may read a partition's scores of this benchmark now. */
export function partitionVisible(benchmark: Pick<BenchmarkView, "phase">, partition: Partition): boolean {
  return partition === "public" || benchmark.phase?.privateRevealed === true;
}

/**
 * The benchmarks the viewer may see (invite-only ones: organizers, admins, their creator and invited users), with
 * their current phase and public submission counts. A frozen benchmark counts only the entries made before its
 * freeze, as its leaderboard shows them.
 */
export async function listBenchmarkViews(db: Db, viewer: Viewer, now = new Date()) {
  return viewsOf(db, await listBenchmarkRows(db, benchmarkVisibleTo(viewer)), now);
}

/** The benchmarks a user may organize, as listBenchmarkViews: admins every one, others those they own or co-organize. */
export async function listOrganizedBenchmarkViews(db: Db, user: Pick<User, "id" | "role">, now = new Date()) {
  return viewsOf(db, await listBenchmarkRows(db, user.role === "admin" ? undefined : organizedBy(user.id)), now);
}

/** Each benchmark row with its current phase and its public entry counts (a frozen board counts entries before it). */
async function viewsOf(db: Db, rows: Benchmark[], now: Date) {
  const current = await Promise.all(rows.map((b) => findBenchmarkById(db, b.id, now)));
  const phaseViews = current.map((c) => c?.phase && describePhase(c.phase, now));
  const counts = await countPublicSubmissions(
    db,
    rows.map((b, i) => ({ benchmarkId: b.id, cutoff: phaseViews[i]?.publicCutoff })),
  );
  return rows.map((b, i) => {
    const c = counts.find((x) => x.benchmarkId === b.id);
    return { ...b, phase: phaseViews[i], submissions: c?.total ?? 0, scored: c?.scored ?? 0 };
  });
}

/** Benchmarks a signed-in user can submit to now (for the upload form): visible and with an open phase. */
export async function listOpenBenchmarks(db: Db, viewer: Viewer, now = new Date()) {
  const all = await listBenchmarkViews(db, viewer, now);
  return all.filter((b) => b.phase?.isOpen).map((b) => ({ slug: b.slug, title: b.title, synthetic: b.synthetic }));
}

/** A benchmark by slug with its latest spec and current phase; undefined when absent or not visible to the viewer. */
export async function getBenchmarkView(
  db: Db,
  input: { slug: string; viewer: Viewer; now?: Date },
): Promise<BenchmarkView | undefined> {
  const now = input.now ?? new Date();
  const found = await findBenchmarkBySlug(db, input.slug, now);
  if (!found || !(await canSeeBenchmark(db, found.benchmark.id, input.viewer))) return undefined;
  return {
    ...found.benchmark,
    version: found.version.version,
    spec: found.version.spec,
    phase: found.phase && describePhase(found.phase, now),
  };
}

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
