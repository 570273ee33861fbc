import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { submissions } from "@/db/schema";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { PUT } from "./route";
import { createBenchmark, createOrganizerOf, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let entryId: string;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  entryId = (await insertFinishedSubmission(ctx.db, { fixture, user: await createUser(ctx.db) })).id;
});
after(async () => ctx.close());

async function put(id: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await PUT(
    new Request(`http://localhost/api/submissions/${id}/baseline`, {
      method: "PUT",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: response.status, body: await response.json() };
}
const isBaseline = async () =>
  (await ctx.db.select().from(submissions).where(eq(submissions.id, entryId)))[0]!.isBaseline;

test("anonymous → 401, nothing changes", async () => {
  const { status, body } = await put(entryId, { isBaseline: true });
  assert.equal(status, 401);
  assert.equal(body.error.code, "unauthenticated");
  assert.equal(await isBaseline(), false);
});

test("a participant (even the entry's owner would be) → 403 by session and by token, nothing changes", async () => {
  const participant = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(participant) },
    { authorization: await bearer(ctx.db, participant) },
  ] as Record<string, string>[]) {
    const { status, body } = await put(entryId, { isBaseline: true }, headers);
    assert.equal(status, 403);
    assert.equal(body.error.code, "forbidden");
  }
  assert.equal(await isBaseline(), false);
});

test("an organizer marks and unmarks it; a bad body is a 400; an unknown entry a 404", async () => {
  const organizer = await createOrganizerOf(ctx.db, fixture);
  const cookie = { cookie: await sessionCookie(organizer) };
  assert.deepEqual(await put(entryId, { isBaseline: true }, cookie), {
    status: 200,
    body: { id: entryId, isBaseline: true },
  });
  assert.equal(await isBaseline(), true);
  assert.equal((await put(entryId, { isBaseline: false }, cookie)).status, 200);
  assert.equal(await isBaseline(), false);
  assert.equal((await put(entryId, { isBaseline: "yes" }, cookie)).status, 400);
  assert.equal((await put("no-such-entry", { isBaseline: true }, cookie)).status, 404);
});
