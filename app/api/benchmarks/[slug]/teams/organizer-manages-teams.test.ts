import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { listTeamsForUser } from "@/db/queries/teams";
import { createBenchmark, createOrganizerOf, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { acceptInvite, createTeam, inviteToTeam } from "@/lib/teams";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";
import { DELETE } from "./[teamId]/members/[userId]/route";

// Organizers see the teams that entered their benchmark and can take a member off one; nobody else can.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
});
after(async () => ctx.close());

async function teamWithTwo(name: string) {
  const owner = await createUser(ctx.db);
  const member = await createUser(ctx.db);
  const team = await createTeam(ctx.db, { userId: owner.id, name });
  const invite = await inviteToTeam(ctx.db, { teamId: team.id, inviterId: owner.id, email: member.email });
  await acceptInvite(ctx.db, { inviteId: invite.id, user: member });
  return { team, owner, member };
}

const slug = () => fixture.benchmark.slug;
const list = (headers: Record<string, string> = {}) =>
  GET(new Request(`http://localhost/api/benchmarks/${slug()}/teams`, { headers }), {
    params: Promise.resolve({ slug: slug() }),
  });
const remove = (teamId: string, userId: string, headers: Record<string, string> = {}) =>
  DELETE(
    new Request(`http://localhost/api/benchmarks/${slug()}/teams/${teamId}/members/${userId}`, {
      method: "DELETE",
      headers,
    }),
    {
      params: Promise.resolve({ slug: slug(), teamId, userId }),
    },
  );

test("anonymous → 401 and participants → 403, for listing and for removing; the team is unchanged", async () => {
  const { team, owner, member } = await teamWithTwo("Denied");
  await insertFinishedSubmission(ctx.db, { fixture, user: owner, teamId: team.id });
  assert.equal((await list()).status, 401);
  assert.equal((await remove(team.id, member.id)).status, 401);
  for (const headers of [
    { cookie: await sessionCookie(owner) },
    { authorization: await bearer(ctx.db, owner) },
  ] as Record<string, string>[]) {
    assert.equal((await list(headers)).status, 403);
    assert.equal((await remove(team.id, member.id, headers)).status, 403);
  }
  assert.equal((await listTeamsForUser(ctx.db, member.id)).length, 1);
});

test("an organizer lists entrant teams with members and entries, and takes a member off one", async () => {
  const { team, owner, member } = await teamWithTwo("Pair");
  await insertFinishedSubmission(ctx.db, { fixture, user: owner, teamId: team.id });
  await teamWithTwo("Never entered");
  const cookie = await sessionCookie(await createOrganizerOf(ctx.db, fixture));

  const listed = await (await list({ cookie })).json();
  const pair = listed.teams.find((t: { name: string }) => t.name === "Pair");
  assert.ok(pair, "the team that entered is listed");
  assert.equal(pair.entries, 1);
  assert.deepEqual(pair.members.map((m: { userId: string }) => m.userId).sort(), [owner.id, member.id].sort());
  assert.ok(
    !listed.teams.some((t: { name: string }) => t.name === "Never entered"),
    "teams that never entered are not listed",
  );

  const response = await remove(team.id, member.id, { cookie });
  assert.equal(response.status, 200);
  const after = (await response.json()).teams.find((t: { name: string }) => t.name === "Pair");
  assert.deepEqual(
    after.members.map((m: { userId: string }) => m.userId),
    [owner.id],
  );
  assert.equal((await listTeamsForUser(ctx.db, member.id)).length, 0);
});

test("a team that never entered, or a user not on the team, is a 404 naming it", async () => {
  const entered = await teamWithTwo("Entered");
  await insertFinishedSubmission(ctx.db, { fixture, user: entered.owner, teamId: entered.team.id });
  const other = await teamWithTwo("Elsewhere");
  const cookie = await sessionCookie(await createOrganizerOf(ctx.db, fixture));
  const outside = await remove(other.team.id, other.member.id, { cookie });
  assert.equal(outside.status, 404);
  assert.match((await outside.json()).error.message, /has entered/);
  const stranger = await createUser(ctx.db);
  const notMember = await remove(entered.team.id, stranger.id, { cookie });
  assert.equal(notMember.status, 404);
  assert.match((await notMember.json()).error.message, /not a member of team 'Entered'/);
  assert.equal((await listTeamsForUser(ctx.db, other.member.id)).length, 1);
});
