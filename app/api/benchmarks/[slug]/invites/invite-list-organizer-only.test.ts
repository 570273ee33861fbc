import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { listBenchmarkInvites } from "@/db/queries/benchmark-invites";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { GET, PATCH } from "./route";
import { createBenchmark, createOrganizerOf, createUser } from "@/testing/platform/fixtures";

// Only organizers and admins read or change an invite list; bad emails are refused by name and change nothing.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
});
after(async () => ctx.close());

const url = () => `http://localhost/api/benchmarks/${fixture.benchmark.slug}/invites`;
const params = () => ({ params: Promise.resolve({ slug: fixture.benchmark.slug }) });
const patch = async (body: unknown, headers: Record<string, string> = {}) => {
  const response = await PATCH(new Request(url(), { method: "PATCH", body: JSON.stringify(body), headers }), params());
  return { status: response.status, body: await response.json() };
};
const listNow = async () => (await listBenchmarkInvites(ctx.db, fixture.benchmark.id)).map((i) => i.email);

test("anonymous → 401, participants → 403 (session or token), for reading and for changing", async () => {
  assert.equal((await GET(new Request(url()), params())).status, 401);
  assert.equal((await patch({ add: ["a@example.org"] })).status, 401);
  const participant = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(participant) },
    { authorization: await bearer(ctx.db, participant) },
  ] as Record<string, string>[]) {
    assert.equal((await GET(new Request(url(), { headers }), params())).status, 403);
    const { status, body } = await patch({ add: ["a@example.org"], visibility: "invite" }, headers);
    assert.equal(status, 403);
    assert.equal(body.error.code, "forbidden");
  }
  assert.deepEqual(await listNow(), []);
});

test("an organizer adds (lower-cased, once) and removes; an admin reads the list", async () => {
  const cookie = await sessionCookie(await createOrganizerOf(ctx.db, fixture));
  const first = await patch({ add: ["Zoe@Example.org", "amir@example.org"], visibility: "invite" }, { cookie });
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.added, ["zoe@example.org", "amir@example.org"]);
  assert.equal(first.body.visibility, "invite");
  assert.deepEqual((await patch({ add: ["ZOE@example.org"] }, { cookie })).body.added, []);
  assert.deepEqual((await patch({ remove: ["amir@example.org", "nobody@example.org"] }, { cookie })).body.removed, [
    "amir@example.org",
  ]);
  const admin = { cookie: await sessionCookie(await createUser(ctx.db, { role: "admin" })) };
  const list = await (await GET(new Request(url(), { headers: admin }), params())).json();
  assert.deepEqual(
    list.invites.map((i: { email: string }) => i.email),
    ["zoe@example.org"],
  );
});

test("a bad email, an unknown field or an unknown benchmark is refused by name, and nothing changes", async () => {
  const cookie = await sessionCookie(await createOrganizerOf(ctx.db, fixture));
  const before = await listNow();
  const bad = await patch({ add: ["ok@example.org", "not-an-email"] }, { cookie });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.message, "add.1: 'not-an-email' is not an email address");
  assert.equal(
    (await patch({ visibility: "secret" }, { cookie })).body.error.message,
    "visibility: visibility is 'public' or 'invite'",
  );
  assert.equal((await patch({ emails: ["x@example.org"] }, { cookie })).status, 400);
  assert.equal((await patch({ add: ["x@example.org"], remove: ["x@example.org"] }, { cookie })).status, 400);
  const unknown = await PATCH(
    new Request("http://localhost/api/benchmarks/none/invites", { method: "PATCH", body: "{}", headers: { cookie } }),
    { params: Promise.resolve({ slug: "none" }) },
  );
  assert.equal(unknown.status, 404);
  assert.deepEqual(await listNow(), before);
});
