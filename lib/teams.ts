import type { Db } from "@/db/client";
import * as queries from "@/db/queries/teams";
import { normalizeEmail, type User } from "@/db/queries/users";
import { AppError } from "./core/errors";

/** Creates a team with its creator as owner. Names are unique, case-insensitively: a taken one → 409. */
export async function createTeam(db: Db, input: { userId: string; name: string }): Promise<queries.Team> {
  const name = input.name.trim();
  const team = await queries.insertTeam(db, { userId: input.userId, name });
  if (!team) throw new AppError("team_name_taken", `A team called "${name}" already exists.`, 409);
  return team;
}

/** Invites an email address to a team; any member may invite (anyone else → 403); a member or pending one → 409. */
export async function inviteToTeam(db: Db, input: { teamId: string; inviterId: string; email: string }) {
  if (!(await queries.findTeamRole(db, input.teamId, input.inviterId))) throw notAMember();
  const email = normalizeEmail(input.email);
  if (await queries.isMemberByEmail(db, input.teamId, email)) {
    throw new AppError("already_member", `${email} is already a member of this team.`, 409);
  }
  if (await queries.hasPendingInvite(db, input.teamId, email)) {
    throw new AppError("already_invited", `${email} already has a pending invitation to this team.`, 409);
  }
  return queries.insertTeamInvite(db, { teamId: input.teamId, inviterId: input.inviterId, email });
}

/** Accepts an invitation addressed to the signed-in user's email; anyone else's → 404, an accepted one → 409. */
export async function acceptInvite(
  db: Db,
  input: { inviteId: string; user: Pick<User, "id" | "email"> },
): Promise<{ teamId: string }> {
  const outcome = await queries.redeemInvite(db, input);
  if (outcome.accepted) return { teamId: outcome.teamId };
  if (outcome.why === "used") throw new AppError("invite_used", "This invitation has already been accepted.", 409);
  throw new AppError("invite_not_found", "This invitation does not exist or is addressed to another email.", 404);
}

/**
 * Leaves a team (a non-member → 403). An owner's role passes to the longest-standing member; a team left empty is
 * deleted unless submissions name it (their history keeps the team).
 */
export async function leaveTeam(db: Db, input: { teamId: string; userId: string }): Promise<void> {
  if (!(await queries.removeTeamMember(db, input))) throw notAMember();
}

const notAMember = () => new AppError("not_a_member", "You are not a member of this team.", 403);
