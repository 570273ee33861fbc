import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { AppError } from "@/lib/core/errors";
import type { Db } from "../client";
import { submissions, teamInvites, teamMembers, teams, users } from "../schema";
import { normalizeEmail, type User } from "./users";

export type Team = typeof teams.$inferSelect;

/** Creates a team with its creator as owner. Names are unique, case-insensitively. */
export async function createTeam(db: Db, input: { userId: string; name: string }): Promise<Team> {
  const name = input.name.trim();
  return db.transaction(async (tx) => {
    const [clash] = await tx.select({ id: teams.id }).from(teams).where(sql`lower(${teams.name}) = lower(${name})`);
    if (clash) throw new AppError("team_name_taken", `A team called "${name}" already exists.`, 409);
    const [team] = await tx.insert(teams).values({ name, createdBy: input.userId }).onConflictDoNothing().returning();
    if (!team) throw new AppError("team_name_taken", `A team called "${name}" already exists.`, 409);
    await tx.insert(teamMembers).values({ teamId: team.id, userId: input.userId, role: "owner" });
    return team;
  });
}

async function requireMembership(db: Db, teamId: string, userId: string) {
  const [member] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  if (!member) throw new AppError("not_a_member", "You are not a member of this team.", 403);
  return member;
}

/** Invites an email address to a team; any member may invite. */
export async function inviteToTeam(db: Db, input: { teamId: string; inviterId: string; email: string }) {
  await requireMembership(db, input.teamId, input.inviterId);
  const email = normalizeEmail(input.email);
  const [already] = await db
    .select({ id: users.id })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, input.teamId), eq(users.email, email)));
  if (already) throw new AppError("already_member", `${email} is already a member of this team.`, 409);
  const [pending] = await db
    .select({ id: teamInvites.id })
    .from(teamInvites)
    .where(and(eq(teamInvites.teamId, input.teamId), eq(teamInvites.email, email), isNull(teamInvites.acceptedAt)));
  if (pending) throw new AppError("already_invited", `${email} already has a pending invitation to this team.`, 409);
  const [invite] = await db.insert(teamInvites).values({ teamId: input.teamId, email, invitedBy: input.inviterId }).returning();
  return invite!;
}

/** Accepts an invitation addressed to the signed-in user's email. */
export async function acceptInvite(db: Db, input: { inviteId: string; user: Pick<User, "id" | "email"> }): Promise<{ teamId: string }> {
  return db.transaction(async (tx) => {
    const [invite] = await tx.select().from(teamInvites).where(eq(teamInvites.id, input.inviteId)).for("update");
    if (!invite || invite.email !== normalizeEmail(input.user.email)) {
      throw new AppError("invite_not_found", "This invitation does not exist or is addressed to another email.", 404);
    }
    if (invite.acceptedAt) throw new AppError("invite_used", "This invitation has already been accepted.", 409);
    await tx.insert(teamMembers).values({ teamId: invite.teamId, userId: input.user.id, role: "member" }).onConflictDoNothing();
    await tx.update(teamInvites).set({ acceptedAt: new Date() }).where(eq(teamInvites.id, invite.id));
    return { teamId: invite.teamId };
  });
}

/**
 * Leaves a team. An owner's role passes to the longest-standing member; a team left empty is deleted
 * unless submissions name it (their history keeps the team).
 */
export async function leaveTeam(db: Db, input: { teamId: string; userId: string }): Promise<void> {
  if (!(await removeTeamMember(db, input))) throw new AppError("not_a_member", "You are not a member of this team.", 403);
}

/**
 * Takes a member off a team (false: they were not on it). The longest-standing member inherits ownership; a team
 * left empty is deleted unless it has entries, which keep their team name.
 */
export async function removeTeamMember(db: Db, input: { teamId: string; userId: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.userId, input.userId)))
      .returning({ role: teamMembers.role });
    if (!removed) return false;
    const [next] = await tx.select().from(teamMembers).where(eq(teamMembers.teamId, input.teamId)).orderBy(asc(teamMembers.joinedAt)).limit(1);
    if (next && removed.role === "owner") {
      await tx.update(teamMembers).set({ role: "owner" }).where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.userId, next.userId)));
    }
    if (!next) {
      const [used] = await tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.teamId, input.teamId)).limit(1);
      if (!used) await tx.delete(teams).where(eq(teams.id, input.teamId));
    }
    return true;
  });
}

/** The teams that have entered a benchmark, with their members and how many entries each team made there. */
export async function listEntrantTeams(db: Db, benchmarkId: string) {
  const entered = await db
    .select({ id: teams.id, name: teams.name, entries: sql<number>`count(${submissions.id})::int` })
    .from(submissions)
    .innerJoin(teams, eq(teams.id, submissions.teamId))
    .where(and(eq(submissions.benchmarkId, benchmarkId), eq(submissions.isBaseline, false), isNull(submissions.reevaluationOf)))
    .groupBy(teams.id, teams.name)
    .orderBy(asc(teams.name));
  if (entered.length === 0) return [];
  const members = await db
    .select({ teamId: teamMembers.teamId, userId: users.id, name: users.name, email: users.email, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(inArray(teamMembers.teamId, entered.map((t) => t.id)))
    .orderBy(asc(teamMembers.joinedAt));
  return entered.map((t) => ({ ...t, members: members.filter((m) => m.teamId === t.id).map(({ teamId: _, ...m }) => m) }));
}

/** The user's teams with their members and pending invitations. */
export async function listTeamsForUser(db: Db, userId: string) {
  const mine = await db
    .select({ id: teams.id, name: teams.name, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(eq(teamMembers.userId, userId))
    .orderBy(asc(teams.name));
  if (mine.length === 0) return [];
  const ids = mine.map((t) => t.id);
  const members = await db
    .select({ teamId: teamMembers.teamId, userId: users.id, name: users.name, email: users.email, role: teamMembers.role })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(inArray(teamMembers.teamId, ids))
    .orderBy(asc(teamMembers.joinedAt));
  const invites = await db
    .select({ id: teamInvites.id, teamId: teamInvites.teamId, email: teamInvites.email, createdAt: teamInvites.createdAt })
    .from(teamInvites)
    .where(and(inArray(teamInvites.teamId, ids), isNull(teamInvites.acceptedAt)))
    .orderBy(asc(teamInvites.createdAt));
  return mine.map((team) => ({
    ...team,
    members: members.filter((m) => m.teamId === team.id),
    pendingInvites: invites.filter((i) => i.teamId === team.id),
  }));
}

/** Invitations waiting for this email, with the team's name and who sent them. */
export async function listInvitesForEmail(db: Db, email: string) {
  return db
    .select({ id: teamInvites.id, teamId: teams.id, teamName: teams.name, invitedBy: users.name, createdAt: teamInvites.createdAt })
    .from(teamInvites)
    .innerJoin(teams, eq(teams.id, teamInvites.teamId))
    .innerJoin(users, eq(users.id, teamInvites.invitedBy))
    .where(and(eq(teamInvites.email, normalizeEmail(email)), isNull(teamInvites.acceptedAt)))
    .orderBy(asc(teamInvites.createdAt));
}
