import * as queries from "@/db/queries/teams";
import type { User } from "@/db/queries/users";
import * as teamRules from "../teams";
import { getDatabase } from "./context";

/** A user's own teams (members, pending invitations) and the invitations waiting for their email. */
export async function loadTeamsOf(user: Pick<User, "id" | "email">) {
  const { db } = getDatabase();
  const [teams, invites] = await Promise.all([
    queries.listTeamsForUser(db, user.id),
    queries.listInvitesForEmail(db, user.email),
  ]);
  return { teams, invites };
}

/** The teams a user is a member of (those they may submit for). */
export async function listTeamsForUser(userId: string) {
  return queries.listTeamsForUser(getDatabase().db, userId);
}

/** Creates a team with its creator as owner; a taken name → 409. */
export async function createTeam(input: { userId: string; name: string }) {
  return teamRules.createTeam(getDatabase().db, input);
}

/** Any member invites an email address; a non-member → 403, a member or a pending invitation → 409. */
export async function inviteToTeam(input: { teamId: string; inviterId: string; email: string }) {
  return teamRules.inviteToTeam(getDatabase().db, input);
}

/** Accepts an invitation addressed to the user's email; anyone else's → 404. */
export async function acceptInvite(input: { inviteId: string; user: Pick<User, "id" | "email"> }) {
  return teamRules.acceptInvite(getDatabase().db, input);
}

/** Leaves a team; an owner's role passes to the longest-standing member. */
export async function leaveTeam(input: { teamId: string; userId: string }) {
  return teamRules.leaveTeam(getDatabase().db, input);
}
