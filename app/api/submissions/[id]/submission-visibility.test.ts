import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { getSubmissionView } from "@/lib/server/submission-view";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let owner: Awaited<ReturnType<typeof createUser>>;
let other: Awaited<ReturnType<typeof createUser>>;
let failedPublic: { id: string };
let privateOne: { id: string };

before(async () => {
  ctx = await startRouteTest();
  owner = await createUser(ctx.db);
  other = await createUser(ctx.db);
  const fixture = await createBenchmark(ctx.db);
  failedPublic = await insertFinishedSubmission(ctx.db, {
    fixture,
    user: owner,
    status: "failed",
    log: "owner-only log text",
  });
  privateOne = await insertFinishedSubmission(ctx.db, { fixture, user: owner, visibility: "private" });
});
after(async () => ctx.close());

async function get(id: string, headers: Record<string, string> = {}) {
  const response = await GET(new Request(`http://localhost/api/submissions/${id}`, { headers }), {
    params: Promise.resolve({ id }),
  });
  return { status: response.status, body: await response.json() };
}

test("the owner sees the log and the failure details (session cookie and API token alike)", async () => {
  for (const headers of [
    { cookie: await sessionCookie(owner) },
    { authorization: await bearer(ctx.db, owner) },
  ] as Record<string, string>[]) {
    const { status, body } = await get(failedPublic.id, headers);
    assert.equal(status, 200);
    assert.equal(body.isOwner, true);
    assert.match(JSON.stringify(body.log), /owner-only log text/);
    assert.match(body.failure.reason, /expected \[25,5\]/);
  }
});

test("another user and an anonymous reader see the public fields only: no log, no failure details", async () => {
  for (const headers of [{ cookie: await sessionCookie(other) }, {}] as Record<string, string>[]) {
    const { status, body } = await get(failedPublic.id, headers);
    assert.equal(status, 200);
    assert.equal(body.status, "failed");
    assert.equal(body.isOwner, false);
    assert.equal(body.log, undefined);
    assert.equal(body.failure, undefined);
    assert.doesNotMatch(JSON.stringify(body), /owner-only log text|expected \[25,5\]/);
  }
});

test("a private submission is 404 to everyone but its owner", async () => {
  assert.equal((await get(privateOne.id, { cookie: await sessionCookie(other) })).status, 404);
  assert.equal((await get(privateOne.id)).status, 404);
  assert.equal((await get(privateOne.id, { cookie: await sessionCookie(owner) })).status, 200);
});

test("the submission page's query applies the same rules (the page renders 404 when it returns nothing)", async () => {
  assert.equal(await getSubmissionView(ctx.db, { id: privateOne.id, viewer: other }), undefined);
  assert.equal(await getSubmissionView(ctx.db, { id: privateOne.id, viewer: undefined }), undefined);
  const seenByOther = await getSubmissionView(ctx.db, { id: failedPublic.id, viewer: other });
  assert.equal(seenByOther?.log, undefined);
  assert.ok((await getSubmissionView(ctx.db, { id: failedPublic.id, viewer: owner }))?.log?.length);
});

test("private-partition scores stay out of the response before the reveal time", async () => {
  const { body } = await get(privateOne.id, { cookie: await sessionCookie(owner) });
  assert.ok(body.scores.some((s: { partition: string }) => s.partition === "public"));
  assert.ok(!body.scores.some((s: { partition: string }) => s.partition === "private"));
});

test("an unknown id is 404 with a JSON error", async () => {
  const { status, body } = await get("no-such-id");
  assert.equal(status, 404);
  assert.equal(body.error.code, "submission_not_found");
});
