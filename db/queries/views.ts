import { and, asc, count, desc, eq, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { LEARNING_ROW_OFFSET } from "@/evaluator/tracks/atari/definition/scoring";
import type { BenchmarkSpec, Partition } from "@/lib/benchmark-spec";
import { atariGameTable, atariProgressDetail, metaworldTaskTable } from "@/lib/server/track-tables";
import type { Db } from "../client";
import {
  aggregates,
  benchmarks,
  benchmarkVersions,
  evaluationAttempts,
  evaluationUnits,
  phases,
  results,
  submissions,
  teams,
  users,
} from "../schema";
import { isListed, listModeration } from "./moderation";
import { findBenchmarkById, findBenchmarkBySlug, isPhaseOpen, type Phase } from "./benchmarks";
import { benchmarkVisibleTo, canSeeBenchmark, isStaff, type Viewer } from "./benchmark-access";
import { organizedBy } from "./benchmark-organizers";
import type { User } from "./users";
import { countChosenForFinal, speaksForEntrant } from "./submissions";

/**
 * Read-side queries for pages and API responses. Each takes the viewer and applies the authorization rules
 * itself, so a page and its API twin cannot disagree about who sees what:
 * - invite-only benchmarks: organizers, admins, their creator and invited users (benchmarkVisibleTo decides);
 * - private submissions: their owner only (anyone else gets "not found");
 * - logs and failure details: the owner only;
 * - private-partition scores: nobody until the phase's reveal time (organizers included: the board is sealed);
 * - entries hidden by an organizer: their owner and organizers only; disqualified entries stay readable, unranked.
 */
export type { Viewer };

/**
 * `publicCutoff`: while the leaderboard is frozen (after `frozenAt`, until the reveal), only entries created before
 * it are shown publicly; later ones are scored and visible to their owners. null: not frozen now.
 */
export type PhaseView = Phase & { isOpen: boolean; privateRevealed: boolean; publicCutoff: Date | null };

function describePhase(phase: Phase, now: Date): PhaseView {
  const privateRevealed = phase.revealAt !== null && phase.revealAt <= now;
  const publicCutoff = phase.frozenAt !== null && phase.frozenAt <= now && !privateRevealed ? phase.frozenAt : null;
  return { ...phase, isOpen: isPhaseOpen(phase, now), privateRevealed, publicCutoff };
}

/** Entries created before `cutoff` (none given: all). */
export const createdBefore = (cutoff: Date | null | undefined) =>
  cutoff ? sql`${submissions.createdAt} < ${cutoff.toISOString()}::timestamptz` : undefined;

/**
 * The entries of a benchmark that everyone may see ranked: scored, public and listed (private entries, failed runs
 * and hidden ones are their owners' business), and while the board is frozen only those created before the cutoff.
 */
export const publishedEntries = (benchmarkId: string, publicCutoff: Date | null | undefined) =>
  and(
    eq(submissions.benchmarkId, benchmarkId),
    eq(submissions.status, "scored"),
    eq(submissions.visibility, "public"),
    isListed(submissions.id),
    createdBefore(publicCutoff),
  );

export async function listBenchmarkViews(db: Db, viewer: Viewer, now = new Date()) {
  return listViews(db, benchmarkVisibleTo(viewer), now);
}

/** The benchmarks a user may organize, as listBenchmarkViews: admins every one, others those they own or co-organize. */
export async function listOrganizedBenchmarkViews(db: Db, user: Pick<User, "id" | "role">, now = new Date()) {
  return listViews(db, user.role === "admin" ? undefined : organizedBy(user.id), now);
}

async function listViews(db: Db, where: SQL | undefined, now: Date) {
  const rows = await db.select().from(benchmarks).where(where).orderBy(asc(benchmarks.title));
  const phaseViews = (await Promise.all(rows.map((b) => findBenchmarkById(db, b.id, now)))).map(
    (c) => c?.phase && describePhase(c.phase, now),
  );
  // A frozen benchmark counts only the entries made before its freeze, as its leaderboard shows them.
  const counts = rows.length
    ? await db
        .select({
          benchmarkId: submissions.benchmarkId,
          total: count(),
          scored: sql<number>`count(*) filter (where ${submissions.status} = 'scored')::int`,
        })
        .from(submissions)
        .where(
          and(
            or(
              ...rows.map((b, i) => and(eq(submissions.benchmarkId, b.id), createdBefore(phaseViews[i]?.publicCutoff))),
            ),
            eq(submissions.visibility, "public"),
          ),
        )
        .groupBy(submissions.benchmarkId)
    : [];
  return rows.map((b, i) => {
    const c = counts.find((x) => x.benchmarkId === b.id);
    return { ...b, phase: phaseViews[i], submissions: c?.total ?? 0, scored: c?.scored ?? 0 };
  });
}

export type BenchmarkView = typeof benchmarks.$inferSelect & {
  version: number;
  spec: BenchmarkSpec;
  phase: PhaseView | undefined;
};

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

/** Whether the viewer may read a partition's scores of this benchmark now. */
export function partitionVisible(benchmark: Pick<BenchmarkView, "phase">, partition: Partition): boolean {
  return partition === "public" || benchmark.phase?.privateRevealed === true;
}

/**
 * One submission as the viewer may see it, or undefined (absent, or private and not theirs: indistinguishable).
 * `log` and `failure` are present for the owner only.
 */
export async function getSubmissionView(db: Db, input: { id: string; viewer: Viewer; now?: Date }) {
  const [row] = await db
    .select({
      submission: submissions,
      benchmark: benchmarks,
      version: benchmarkVersions.version,
      teamName: teams.name,
      userName: users.name,
    })
    .from(submissions)
    .innerJoin(benchmarks, eq(benchmarks.id, submissions.benchmarkId))
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .where(eq(submissions.id, input.id));
  if (!row) return undefined;
  const s = row.submission;
  const isOwner = input.viewer?.id === s.userId;
  if (s.visibility === "private" && !isOwner) return undefined;
  if (!isOwner && !(await canSeeBenchmark(db, row.benchmark.id, input.viewer))) return undefined;
  // A hidden entry is gone for the public; its owner and the organizers still see it, with the ruling.
  const [ruling] = await listModeration(db, s.id);
  if (ruling?.state === "hidden" && !isOwner && !isStaff(input.viewer)) return undefined;

  const [phase] = await db.select().from(phases).where(eq(phases.id, s.phaseId));
  const phaseView = phase && describePhase(phase, input.now ?? new Date());
  const privateRevealed = !!phaseView?.privateRevealed;
  // Submitted after the leaderboard froze: its owner and the organizers see it; the public only after the reveal.
  if (phaseView?.publicCutoff && s.createdAt >= phaseView.publicCutoff && !isOwner && !isStaff(input.viewer))
    return undefined;
  const [units, attempts, scores, lineage] = await Promise.all([
    db
      .select()
      .from(evaluationUnits)
      .where(eq(evaluationUnits.submissionId, s.id))
      .orderBy(asc(evaluationUnits.partition), asc(evaluationUnits.key)),
    db
      .select()
      .from(evaluationAttempts)
      .where(eq(evaluationAttempts.submissionId, s.id))
      .orderBy(asc(evaluationAttempts.startedAt)),
    db.select().from(aggregates).where(eq(aggregates.submissionId, s.id)).orderBy(asc(aggregates.metric)),
    listReevaluationLineage(db, { submission: s, seesHidden: isOwner || isStaff(input.viewer) }),
  ]);
  const unitKey = new Map(units.map((u) => [u.id, u.key]));
  // The final-selection control, for those who speak for the entrant in a phase where teams choose their entries.
  const limit = phaseView?.finalSelectionLimit ?? null;
  const finalChoice =
    phaseView && limit !== null && !s.isBaseline && input.viewer && (await speaksForEntrant(db, s, input.viewer.id))
      ? {
          limit,
          selected: s.selectedForFinal,
          chosen: await countChosenForFinal(db, { phaseId: phaseView.id, teamId: s.teamId, userId: s.userId }),
          open: !phaseView.closesAt || phaseView.closesAt > (input.now ?? new Date()),
        }
      : undefined;
  const visibleScores = scores
    .filter((a) => a.partition === "public" || privateRevealed)
    .map((a) => ({
      partition: a.partition,
      metric: a.metric,
      value: a.value,
      ciLow: a.ciLow,
      ciHigh: a.ciHigh,
      n: a.n,
    }));
  const isAtari = row.benchmark.track === "atari";
  // Atari's per-game table comes from the evaluation rows; the learning-curve rows are not read.
  const evaluationRows = isAtari
    ? await db
        .select({ partition: results.partition, task: results.task, index: results.index, metrics: results.metrics })
        .from(results)
        .where(
          and(
            eq(results.submissionId, s.id),
            lt(results.index, LEARNING_ROW_OFFSET),
            privateRevealed ? undefined : eq(results.partition, "public"),
          ),
        )
    : [];
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    status: s.status,
    visibility: s.visibility,
    isBaseline: s.isBaseline,
    moderation:
      ruling && ruling.state !== "visible" ? { state: ruling.state, reason: ruling.reason, at: ruling.at } : undefined,
    createdAt: s.createdAt,
    finishedAt: s.finishedAt,
    bundle: { sha256: s.bundleSha256, bytes: s.bundleBytes },
    benchmark: {
      slug: row.benchmark.slug,
      title: row.benchmark.title,
      track: row.benchmark.track,
      synthetic: row.benchmark.synthetic,
    },
    /** The benchmark version it was evaluated on. */
    version: row.version,
    /** For a re-evaluation: the entry it re-evaluates and that entry's version; null for an original submission. */
    reevaluationOf: lineage.original,
    /** For an original: its re-evaluations on later versions, oldest version first. */
    reevaluations: lineage.reevaluations,
    entrant: row.teamName ?? row.userName ?? "anonymous",
    isOwner,
    method: { description: s.description, paper: s.paperUrl, code: s.codeUrl, tags: s.tags },
    /** The no-code kinds' model file (its extension says the format); null for the kinds that submit code. */
    modelPath: "model" in s.manifest ? s.manifest.model : null,
    privateRevealed,
    finalChoice,
    units: units.map((u) => ({
      key: u.key,
      partition: u.partition,
      status: u.status,
      progress: u.progress,
      atariDetail: isAtari ? atariProgressDetail(u.progress) : undefined,
    })),
    compute: attempts.map((a) => ({
      unit: unitKey.get(a.unitId) ?? a.unitId,
      status: a.status,
      backend: a.backend,
      gpu: a.gpu,
      host: a.host,
      evaluatorVersion: a.evaluatorVersion,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      wallMs: a.wallMs,
      /** Whose fault ended a failed or lost attempt: "user" (the code; its error names the limit) or "platform". */
      fault: a.errorKind,
    })),
    scores: visibleScores,
    /** Meta-World: per-task success and return; Atari: per-game mean return and HNS; empty for other tracks. */
    metaworldTasks: row.benchmark.track === "metaworld" ? metaworldTaskTable(visibleScores) : [],
    atariGames: atariGameTable(evaluationRows),
    failure: isOwner && s.status === "failed" ? { kind: s.failureKind, reason: s.failureReason } : undefined,
    log: isOwner
      ? attempts
          .filter((a) => a.log || a.error)
          .map((a) => ({
            unit: unitKey.get(a.unitId) ?? a.unitId,
            attempt: a.id,
            status: a.status,
            error: a.error,
            log: a.log ?? "",
          }))
      : undefined,
  };
}

/**
 * Where a submission stands among re-evaluations: the entry it re-evaluates (null for an original) and its own
 * re-evaluations. A re-evaluation shares its original's owner and visibility, so whoever sees one may see the other;
 * a re-evaluation an organizer hid is left out except for its owner and the organizers.
 */
async function listReevaluationLineage(
  db: Db,
  input: { submission: { id: string; reevaluationOf: string | null }; seesHidden: boolean },
) {
  const columns = { id: submissions.id, version: benchmarkVersions.version, status: submissions.status };
  const [original] = input.submission.reevaluationOf
    ? await db
        .select(columns)
        .from(submissions)
        .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
        .where(eq(submissions.id, input.submission.reevaluationOf))
    : [];
  const reevaluations = await db
    .select(columns)
    .from(submissions)
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .where(
      and(eq(submissions.reevaluationOf, input.submission.id), input.seesHidden ? undefined : isListed(submissions.id)),
    )
    .orderBy(asc(benchmarkVersions.version));
  return { original: original ? { id: original.id, version: original.version } : null, reevaluations };
}

/** The viewer's own submissions, newest first, across benchmarks. */
export async function listOwnSubmissions(db: Db, userId: string, limit = 100) {
  return db
    .select({
      id: submissions.id,
      name: submissions.name,
      status: submissions.status,
      visibility: submissions.visibility,
      createdAt: submissions.createdAt,
      benchmarkSlug: benchmarks.slug,
      benchmarkTitle: benchmarks.title,
    })
    .from(submissions)
    .innerJoin(benchmarks, eq(benchmarks.id, submissions.benchmarkId))
    .where(eq(submissions.userId, userId))
    .orderBy(desc(submissions.createdAt))
    .limit(limit);
}

/** Benchmarks a signed-in user can submit to now (for the upload form): visible and with an open phase. */
export async function listOpenBenchmarks(db: Db, viewer: Viewer, now = new Date()) {
  const all = await listBenchmarkViews(db, viewer, now);
  return all.filter((b) => b.phase?.isOpen).map((b) => ({ slug: b.slug, title: b.title, synthetic: b.synthetic }));
}

/** A benchmark's phases in opening order (organizer pages). */
export async function listPhases(db: Db, benchmarkId: string) {
  return db.select().from(phases).where(eq(phases.benchmarkId, benchmarkId)).orderBy(asc(phases.opensAt));
}

/**
 * Entries of one benchmark for the compare view: public and scored only (as on the leaderboard), with the version
 * they ran on, their aggregates in `partition`, and their raw per-episode / per-run rows there.
 */
export async function listCompareEntries(
  db: Db,
  input: { benchmarkId: string; ids: string[]; partition: Partition; publicCutoff: Date | null },
) {
  if (input.ids.length === 0) return [];
  const rows = await db
    .select({
      id: submissions.id,
      name: submissions.name,
      isBaseline: submissions.isBaseline,
      entrant: sql<string>`coalesce(${teams.name}, ${users.name}, 'anonymous')`,
      version: benchmarkVersions.version,
    })
    .from(submissions)
    .innerJoin(users, eq(users.id, submissions.userId))
    .leftJoin(teams, eq(teams.id, submissions.teamId))
    .innerJoin(benchmarkVersions, eq(benchmarkVersions.id, submissions.benchmarkVersionId))
    .where(and(inArray(submissions.id, input.ids), publishedEntries(input.benchmarkId, input.publicCutoff)));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [scores, raw] = await Promise.all([
    db
      .select()
      .from(aggregates)
      .where(and(inArray(aggregates.submissionId, ids), eq(aggregates.partition, input.partition))),
    db
      .select({
        submissionId: results.submissionId,
        task: results.task,
        index: results.index,
        metrics: results.metrics,
      })
      .from(results)
      .where(and(inArray(results.submissionId, ids), eq(results.partition, input.partition)))
      .orderBy(asc(results.task), asc(results.index)),
  ]);
  // In the order the reader asked for them.
  return input.ids.flatMap((id) => {
    const row = rows.find((r) => r.id === id);
    if (!row) return [];
    return [
      {
        ...row,
        scores: Object.fromEntries(
          scores
            .filter((s) => s.submissionId === id)
            .map((s) => [s.metric, { value: s.value, ciLow: s.ciLow, ciHigh: s.ciHigh, n: s.n }]),
        ),
        results: raw.filter((r) => r.submissionId === id),
      },
    ];
  });
}
export type CompareEntry = Awaited<ReturnType<typeof listCompareEntries>>[number];

/** Every published version of a benchmark, newest first, with how many public scored entries each holds. */
export async function listBenchmarkVersions(db: Db, benchmarkId: string) {
  return db
    .select({
      version: benchmarkVersions.version,
      spec: benchmarkVersions.spec,
      createdAt: benchmarkVersions.createdAt,
      // Qualified by hand: drizzle leaves the fields of a single-table select unqualified.
      entries: sql<number>`(select count(*)::int from submissions s where s.benchmark_version_id = benchmark_versions.id and s.status = 'scored' and s.visibility = 'public')`,
    })
    .from(benchmarkVersions)
    .where(eq(benchmarkVersions.benchmarkId, benchmarkId))
    .orderBy(desc(benchmarkVersions.version));
}
