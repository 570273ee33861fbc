import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Manifest } from "@/evaluator/protocol/manifest";
import type { Partition } from "@/lib/benchmark-spec";
import type { Db } from "../client";
import { evaluationUnits, phases, submissions, teamMembers, teams } from "../schema";

export type Submission = typeof submissions.$inferSelect;
export type EvaluationUnit = typeof evaluationUnits.$inferSelect;
type Runner = Pick<Db, "select" | "insert" | "update" | "execute">;

/** Locks a phase row until the end of the transaction: submissions to one phase are accepted one at a time. */
export async function lockPhase(tx: Runner, phaseId: string) {
  const [row] = await tx.select().from(phases).where(eq(phases.id, phaseId)).for("update");
  return row;
}

/**
 * Submissions that count against the quotas of `phaseId` for a team (or a solo user). Baselines and re-evaluations
 * never count; platform failures count for nothing.
 * - `total` / `inWindow`: everything else, over the phase / created after `since`; `oldestInWindow` is when the first
 *   of those was made (the window frees a slot 24 h after it);
 * - `inFlight`: those queued or running now;
 * - `userFailuresInWindow`: those that failed by their own code after `since`; `oldestUserFailure` is when the first
 *   of those failed.
 */
export async function countQuotaUse(
  tx: Runner,
  input: { phaseId: string; teamId: string | null; userId: string; since: Date },
): Promise<{
  total: number;
  inWindow: number;
  oldestInWindow: Date | null;
  inFlight: number;
  userFailuresInWindow: number;
  oldestUserFailure: Date | null;
}> {
  const since = sql`${input.since.toISOString()}::timestamptz`;
  const owner = input.teamId
    ? eq(submissions.teamId, input.teamId)
    : and(eq(submissions.userId, input.userId), isNull(submissions.teamId));
  const failedAt = sql`coalesce(${submissions.finishedAt}, ${submissions.createdAt})`;
  const userFailure = sql`${submissions.status} = 'failed' and ${submissions.failureKind} = 'user' and ${failedAt} > ${since}`;
  const [row] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      inWindow: sql<number>`(count(*) filter (where ${submissions.createdAt} > ${since}))::int`,
      oldestInWindow: sql<
        string | null
      >`min(${submissions.createdAt}) filter (where ${submissions.createdAt} > ${since})`,
      inFlight: sql<number>`(count(*) filter (where ${submissions.status} in ('queued', 'running')))::int`,
      userFailuresInWindow: sql<number>`(count(*) filter (where ${userFailure}))::int`,
      oldestUserFailure: sql<string | null>`min(${failedAt}) filter (where ${userFailure})`,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.phaseId, input.phaseId),
        owner,
        eq(submissions.isBaseline, false),
        isNull(submissions.reevaluationOf),
        or(ne(submissions.status, "failed"), isNull(submissions.failureKind), ne(submissions.failureKind, "platform")),
      ),
    );
  const date = (value: string | null | undefined) => (value ? new Date(value) : null);
  return {
    total: row?.total ?? 0,
    inWindow: row?.inWindow ?? 0,
    oldestInWindow: date(row?.oldestInWindow),
    inFlight: row?.inFlight ?? 0,
    userFailuresInWindow: row?.userFailuresInWindow ?? 0,
    oldestUserFailure: date(row?.oldestUserFailure),
  };
}

/** A team's name and how many members it has now; undefined for an unknown team. */
export async function describeTeam(db: Runner, teamId: string): Promise<{ name: string; members: number } | undefined> {
  const [row] = await db
    .select({
      name: teams.name,
      members: sql<number>`(select count(*)::int from team_members tm where tm.team_id = ${teamId})`,
    })
    .from(teams)
    .where(eq(teams.id, teamId));
  return row;
}

export async function isTeamMember(db: Runner, teamId: string, userId: string): Promise<boolean> {
  const rows = await db
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return rows.length > 0;
}

export type NewSubmission = {
  benchmarkId: string;
  benchmarkVersionId: string;
  phaseId: string;
  userId: string;
  teamId: string | null;
  name: string;
  manifest: Manifest;
  bundleSha256: string;
  bundleBytes: number;
  isBaseline: boolean;
  visibility?: Submission["visibility"];
  /** Set for a re-evaluation: the original entry, whose submission time it keeps. */
  reevaluationOf?: string;
  createdAt?: Date;
};

/** Inserts a queued submission with its method card taken from the manifest. */
export async function insertSubmission(tx: Runner, input: NewSubmission): Promise<Submission> {
  const method = input.manifest.method;
  const [row] = await tx
    .insert(submissions)
    .values({
      ...input,
      kind: input.manifest.kind,
      description: method.description,
      paperUrl: method.paper ?? null,
      codeUrl: method.code ?? null,
      tags: method.tags,
    })
    .returning();
  return row!;
}

export async function insertUnits(
  tx: Runner,
  submissionId: string,
  plans: { key: string; partition: Partition }[],
): Promise<EvaluationUnit[]> {
  return tx
    .insert(evaluationUnits)
    .values(plans.map((p) => ({ submissionId, key: p.key, partition: p.partition })))
    .returning();
}

export async function findSubmission(db: Runner, id: string): Promise<Submission | undefined> {
  const [row] = await db.select().from(submissions).where(eq(submissions.id, id));
  return row;
}

/** Whether any submission still points at a stored bundle. */
export async function isBundleReferenced(db: Runner, sha256: string): Promise<boolean> {
  const rows = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(eq(submissions.bundleSha256, sha256))
    .limit(1);
  return rows.length > 0;
}

/** Serialises the writers and the cleaner of one stored bundle until the end of the transaction. */
export async function lockBundle(tx: Runner, sha256: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`bundle:${sha256}`}, 0))`);
}

/** Baseline submissions of a benchmark by name (the seeder adds each once). */
export async function findBaseline(db: Runner, benchmarkId: string, name: string): Promise<Submission | undefined> {
  const [row] = await db
    .select()
    .from(submissions)
    .where(and(eq(submissions.benchmarkId, benchmarkId), eq(submissions.isBaseline, true), eq(submissions.name, name)))
    .limit(1);
  return row;
}

/** How many entries a team (or a solo user) has chosen for the final ranking of a phase. */
export async function countChosenForFinal(
  db: Runner,
  input: { phaseId: string; teamId: string | null; userId: string },
): Promise<number> {
  const owner = input.teamId
    ? eq(submissions.teamId, input.teamId)
    : and(eq(submissions.userId, input.userId), isNull(submissions.teamId));
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(submissions)
    .where(and(eq(submissions.phaseId, input.phaseId), owner, eq(submissions.selectedForFinal, true)));
  return row?.n ?? 0;
}

export async function setChosenForFinal(db: Runner, input: { submissionId: string; selected: boolean }): Promise<void> {
  await db.update(submissions).set({ selectedForFinal: input.selected }).where(eq(submissions.id, input.submissionId));
}
