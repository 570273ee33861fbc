import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createUserWithPassword } from "./auth/users";
import { acceptInvite, createTeam, inviteToTeam, leaveTeam } from "./teams";
import { listInvitesForEmail, listTeamsForUser } from "@/db/queries/teams";
import { type User } from "@/db/queries/users";
import { createTestDatabase } from "@/testing/platform/database";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let ann: User, ben: User, cat: User;

before(async () => {
  database = await createTestDatabase();
  const make = (email: string) => createUserWithPassword(database.db, { email, password: "long enough password" });
  [ann, ben, cat] = [await make("ann@example.org"), await make("ben@example.org"), await make("cat@example.org")];
});
after(async () => database.drop());

test("create → invite by email → accept → leave, with ownership passed on", async () => {
  const { db } = database;
  const team = await createTeam(db, { userId: ann.id, name: "Meta Learners" });
  const invite = await inviteToTeam(db, { teamId: team.id, inviterId: ann.id, email: " BEN@example.org " });
  assert.equal(invite.email, "ben@example.org");
  assert.deepEqual(
    (await listInvitesForEmail(db, "ben@example.org")).map((i) => i.teamName),
    ["Meta Learners"],
  );
  await acceptInvite(db, { inviteId: invite.id, user: ben });
  assert.deepEqual(
    (await listTeamsForUser(db, ben.id)).map((t) => [t.name, t.role]),
    [["Meta Learners", "member"]],
  );
  assert.deepEqual(await listInvitesForEmail(db, "ben@example.org"), []);
  await leaveTeam(db, { teamId: team.id, userId: ann.id });
  assert.deepEqual(
    (await listTeamsForUser(db, ben.id)).map((t) => t.role),
    ["owner"],
  );
  await leaveTeam(db, { teamId: team.id, userId: ben.id });
  assert.deepEqual(await listTeamsForUser(db, ben.id), []);
});

test("denials: duplicate name (any case), outsider inviting, invite for someone else, double accept, double invite", async () => {
  const { db } = database;
  const team = await createTeam(db, { userId: ann.id, name: "Reptiles" });
  await assert.rejects(createTeam(db, { userId: ben.id, name: "REPTILES" }), { code: "team_name_taken", status: 409 });
  await assert.rejects(inviteToTeam(db, { teamId: team.id, inviterId: cat.id, email: "x@example.org" }), {
    code: "not_a_member",
    status: 403,
  });
  const invite = await inviteToTeam(db, { teamId: team.id, inviterId: ann.id, email: "ben@example.org" });
  await assert.rejects(inviteToTeam(db, { teamId: team.id, inviterId: ann.id, email: "ben@example.org" }), {
    code: "already_invited",
  });
  await assert.rejects(acceptInvite(db, { inviteId: invite.id, user: cat }), { code: "invite_not_found", status: 404 });
  await acceptInvite(db, { inviteId: invite.id, user: ben });
  await assert.rejects(acceptInvite(db, { inviteId: invite.id, user: ben }), { code: "invite_used" });
  await assert.rejects(inviteToTeam(db, { teamId: team.id, inviterId: ann.id, email: "ben@example.org" }), {
    code: "already_member",
  });
  await assert.rejects(leaveTeam(db, { teamId: team.id, userId: cat.id }), { code: "not_a_member" });
});
