import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { listTeamsForUser } from "@/db/queries/teams";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { POST as acceptRoute } from "../invites/[id]/accept/route";
import { POST as inviteRoute } from "./[id]/invites/route";
import { DELETE as leaveRoute } from "./[id]/membership/route";
import { POST as createRoute } from "./route";
import { createUser } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

type Caller = { id: string; email: string } | undefined;
const headers = async (user: Caller): Promise<Record<string, string>> =>
  user ? { cookie: await sessionCookie(user) } : {};
const post = async (url: string, user: Caller, body?: unknown) =>
  new Request(url, {
    method: "POST",
    headers: await headers(user),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

const createTeam = async (user: Caller, name: string) =>
  createRoute(await post("http://localhost/api/teams", user, { name }));
const invite = async (user: Caller, teamId: string, email: string) =>
  inviteRoute(await post(`http://localhost/api/teams/${teamId}/invites`, user, { email }), params(teamId));
const accept = async (user: Caller, inviteId: string) =>
  acceptRoute(await post(`http://localhost/api/invites/${inviteId}/accept`, user), params(inviteId));
const leave = async (user: Caller, teamId: string) =>
  leaveRoute(
    new Request(`http://localhost/api/teams/${teamId}/membership`, { method: "DELETE", headers: await headers(user) }),
    params(teamId),
  );
const teamIdsOf = async (user: { id: string }) => (await listTeamsForUser(ctx.db, user.id)).map((t) => t.id);

test("anonymous callers get 401 from every team route, and nothing changes", async () => {
  const owner = await createUser(ctx.db);
  const team = await (await createTeam(owner, "anonymous-probe")).json();
  assert.equal((await createTeam(undefined, "nobody's team")).status, 401);
  assert.equal((await invite(undefined, team.id, "someone@example.org")).status, 401);
  assert.equal((await accept(undefined, randomUUID())).status, 401);
  assert.equal((await leave(undefined, team.id)).status, 401);
  assert.deepEqual(await teamIdsOf(owner), [team.id]);
});

test("a team name is taken case-insensitively (409); a too-short name is 400", async () => {
  const owner = await createUser(ctx.db);
  assert.equal((await createTeam(owner, "Meta Learners")).status, 201);
  const clash = await createTeam(await createUser(ctx.db), "meta learners");
  assert.equal(clash.status, 409);
  assert.equal((await clash.json()).error.code, "team_name_taken");
  assert.equal((await createTeam(owner, "x")).status, 400);
});

test("only a member invites (403 otherwise), and an address is invited once (409)", async () => {
  const owner = await createUser(ctx.db);
  const outsider = await createUser(ctx.db);
  const team = await (await createTeam(owner, "invite-rights")).json();
  const refused = await invite(outsider, team.id, outsider.email);
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.code, "not_a_member");
  assert.equal((await invite(owner, team.id, "new@example.org")).status, 201);
  assert.equal((await invite(owner, team.id, "NEW@example.org")).status, 409);
  assert.equal((await invite(owner, team.id, owner.email)).status, 409);
});

test("an invitation is accepted only by its addressee (404 to anyone else), and only once (409)", async () => {
  const owner = await createUser(ctx.db);
  const invitee = await createUser(ctx.db);
  const other = await createUser(ctx.db);
  const team = await (await createTeam(owner, "accept-rights")).json();
  const sent = await (await invite(owner, team.id, invitee.email)).json();
  const wrong = await accept(other, sent.id);
  assert.equal(wrong.status, 404);
  assert.equal((await wrong.json()).error.code, "invite_not_found");
  assert.deepEqual(await teamIdsOf(other), []);
  const accepted = await accept(invitee, sent.id);
  assert.equal(accepted.status, 200);
  assert.deepEqual(await accepted.json(), { teamId: team.id });
  assert.deepEqual(await teamIdsOf(invitee), [team.id]);
  assert.equal((await accept(invitee, sent.id)).status, 409);
});

test("leaving a team one is not on is 403; a member leaves with 204 and the owner keeps the team", async () => {
  const owner = await createUser(ctx.db);
  const member = await createUser(ctx.db);
  const team = await (await createTeam(owner, "leave-rights")).json();
  await accept(member, (await (await invite(owner, team.id, member.email)).json()).id);
  assert.equal((await leave(await createUser(ctx.db), team.id)).status, 403);
  assert.equal((await leave(member, team.id)).status, 204);
  assert.deepEqual(await teamIdsOf(member), []);
  assert.deepEqual(await teamIdsOf(owner), [team.id]);
});
