import { and, desc, eq, getTableName, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { moderationActions, submissions, users } from "../schema";

export type ModerationState = (typeof moderationActions.$inferSelect)["state"];

/**
 * A column as "table"."column": drizzle leaves columns unqualified in the fields of a single-table select, where a
 * subquery's own columns of the same name would capture them.
 */
function qualified(column: AnyPgColumn): SQL {
  return sql.raw(`"${getTableName(column.table)}"."${column.name}"`);
}

/** An entry's current ruling (its latest moderation action), 'visible' when it has none: a SQL expression over `submissionId`. */
export function moderationStateOf(submissionId: AnyPgColumn): SQL<ModerationState> {
  return sql<ModerationState>`coalesce((select m.state from moderation_actions m where m.submission_id = ${qualified(submissionId)} order by m.created_at desc limit 1), 'visible')`;
}

/** Whether an entry may appear in public views and rankings (neither hidden nor disqualified). */
export function isListed(submissionId: AnyPgColumn): SQL<boolean> {
  return sql<boolean>`${moderationStateOf(submissionId)} = 'visible'`;
}

/** Records a ruling in the audit log; returns the entry's benchmark (for live events), or undefined if there is no such entry. */
export async function recordModeration(
  db: Pick<Db, "select" | "insert">,
  input: { submissionId: string; state: ModerationState; reason: string; actorId: string },
) {
  const [entry] = await db
    .select({ id: submissions.id, benchmarkId: submissions.benchmarkId, status: submissions.status })
    .from(submissions)
    .where(eq(submissions.id, input.submissionId));
  if (!entry) return undefined;
  const [action] = await db.insert(moderationActions).values(input).returning();
  return { entry, action: action! };
}

/** An entry's moderation history, newest first, with who ruled. */
export async function listModeration(db: Db, submissionId: string) {
  return db
    .select({
      state: moderationActions.state,
      reason: moderationActions.reason,
      at: moderationActions.createdAt,
      by: sql<string>`coalesce(${users.name}, ${users.email})`,
    })
    .from(moderationActions)
    .innerJoin(users, eq(users.id, moderationActions.actorId))
    .where(eq(moderationActions.submissionId, submissionId))
    .orderBy(desc(moderationActions.createdAt));
}

/** Disqualified public entries of a benchmark with the reason of that ruling: listed under the leaderboard, unranked. */
export async function listDisqualified(db: Db, benchmarkId: string) {
  const latestReason = sql<string>`(select m.reason from moderation_actions m where m.submission_id = ${qualified(submissions.id)} order by m.created_at desc limit 1)`;
  return db
    .select({ id: submissions.id, name: submissions.name, reason: latestReason })
    .from(submissions)
    .where(
      and(
        eq(submissions.benchmarkId, benchmarkId),
        eq(submissions.visibility, "public"),
        eq(submissions.status, "scored"),
        sql`${moderationStateOf(submissions.id)} = 'disqualified'`,
      ),
    )
    .orderBy(submissions.createdAt);
}

/** Marks or unmarks an entry as a baseline; returns what the leaderboard needs to hear about it, or undefined. */
export async function setBaseline(db: Pick<Db, "update">, input: { submissionId: string; isBaseline: boolean }) {
  const [row] = await db
    .update(submissions)
    .set({ isBaseline: input.isBaseline })
    .where(eq(submissions.id, input.submissionId))
    .returning({
      id: submissions.id,
      benchmarkId: submissions.benchmarkId,
      status: submissions.status,
      isBaseline: submissions.isBaseline,
    });
  return row;
}
