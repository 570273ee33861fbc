import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { submissions, teamInvites, teamMembers, teams, users } from "../schema";
import { normalizeEmail, type User } from "./users";

export type Team = typeof teams.$inferSelect;

/**
 * Inserts a team with its creator as owner; undefined when the name is taken (names are unique, case-insensitively).
 * The caller trims the name.
 */
export async function insertTeam(db: Db, input: { userId: string; name: string }): Promise<Team | undefined> {
  return db.transaction(async (tx) => {
    const [clash] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(sql`lower(${teams.name}) = lower(${input.name})`);
    if (clash) return undefined;
    const [team] = await tx
      .insert(teams)
      .values({ name: input.name, createdBy: input.userId })
      .onConflictDoNothing()
      .returning();
    if (!team) return undefined;
    await tx.insert(teamMembers).values({ teamId: team.id, userId: input.userId, role: "owner" });
    return team;
  });
}

/** The user's role on the team; undefined when they are not on it. */
export async function findTeamRole(db: Db, teamId: string, userId: string) {
  const [member] = await db
    .select({ role: teamMembers.role })
    .from(teamMembers)
    .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, userId)));
  return member?.role;
}

/** Whether an account with this (normalized) email is on the team. */
export async function isMemberByEmail(db: Db, teamId: string, email: string): Promise<boolean> {
  const [member] = await db
    .select({ id: users.id })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(and(eq(teamMembers.teamId, teamId), eq(users.email, email)));
  return member !== undefined;
}

/** Whether this (normalized) email has an invitation to the team not yet accepted. */
export async function hasPendingInvite(db: Db, teamId: string, email: string): Promise<boolean> {
  const [pending] = await db
    .select({ id: teamInvites.id })
    .from(teamInvites)
    .where(and(eq(teamInvites.teamId, teamId), eq(teamInvites.email, email), isNull(teamInvites.acceptedAt)));
  return pending !== undefined;
}

export async function insertTeamInvite(db: Db, input: { teamId: string; inviterId: string; email: string }) {
  const [invite] = await db
    .insert(teamInvites)
    .values({ teamId: input.teamId, email: input.email, invitedBy: input.inviterId })
    .returning();
  return invite!;
}

export type InviteAcceptance = { accepted: true; teamId: string } | { accepted: false; why: "not_found" | "used" };

/**
 * Puts the user on the invitation's team and marks it accepted, in one transaction. Refused (nothing written) when
 * the invitation does not exist or is addressed to another email (`not_found`), or was accepted already (`used`).
 */
export async function redeemInvite(
  db: Db,
  input: { inviteId: string; user: Pick<User, "id" | "email"> },
): Promise<InviteAcceptance> {
  return db.transaction(async (tx) => {
    const [invite] = await tx.select().from(teamInvites).where(eq(teamInvites.id, input.inviteId)).for("update");
    if (!invite || invite.email !== normalizeEmail(input.user.email)) return { accepted: false, why: "not_found" };
    if (invite.acceptedAt) return { accepted: false, why: "used" };
    await tx
      .insert(teamMembers)
      .values({ teamId: invite.teamId, userId: input.user.id, role: "member" })
      .onConflictDoNothing();
    await tx.update(teamInvites).set({ acceptedAt: new Date() }).where(eq(teamInvites.id, invite.id));
    return { accepted: true, teamId: invite.teamId };
  });
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
    const [next] = await tx
      .select()
      .from(teamMembers)
      .where(eq(teamMembers.teamId, input.teamId))
      .orderBy(asc(teamMembers.joinedAt))
      .limit(1);
    if (next && removed.role === "owner") {
      await tx
        .update(teamMembers)
        .set({ role: "owner" })
        .where(and(eq(teamMembers.teamId, input.teamId), eq(teamMembers.userId, next.userId)));
    }
    if (!next) {
      const [used] = await tx
        .select({ id: submissions.id })
        .from(submissions)
        .where(eq(submissions.teamId, input.teamId))
        .limit(1);
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
    .where(
      and(
        eq(submissions.benchmarkId, benchmarkId),
        eq(submissions.isBaseline, false),
        isNull(submissions.reevaluationOf),
      ),
    )
    .groupBy(teams.id, teams.name)
    .orderBy(asc(teams.name));
  if (entered.length === 0) return [];
  const members = await db
    .select({
      teamId: teamMembers.teamId,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: teamMembers.role,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(
      inArray(
        teamMembers.teamId,
        entered.map((t) => t.id),
      ),
    )
    .orderBy(asc(teamMembers.joinedAt));
  return entered.map((t) => ({
    ...t,
    members: members.filter((m) => m.teamId === t.id).map(({ teamId: _, ...m }) => m),
  }));
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
    .select({
      teamId: teamMembers.teamId,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: teamMembers.role,
    })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .where(inArray(teamMembers.teamId, ids))
    .orderBy(asc(teamMembers.joinedAt));
  const invites = await db
    .select({
      id: teamInvites.id,
      teamId: teamInvites.teamId,
      email: teamInvites.email,
      createdAt: teamInvites.createdAt,
    })
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
    .select({
      id: teamInvites.id,
      teamId: teams.id,
      teamName: teams.name,
      invitedBy: users.name,
      createdAt: teamInvites.createdAt,
    })
    .from(teamInvites)
    .innerJoin(teams, eq(teams.id, teamInvites.teamId))
    .innerJoin(users, eq(users.id, teamInvites.invitedBy))
    .where(and(eq(teamInvites.email, normalizeEmail(email)), isNull(teamInvites.acceptedAt)))
    .orderBy(asc(teamInvites.createdAt));
}
