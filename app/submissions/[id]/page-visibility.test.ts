import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { hasProductionBuild, startNextServer } from "@/testing/platform/next-server";

// The rendered pages, through a real `next start` of the production build (built by the project's setup).
const skip = hasProductionBuild() ? false : "no production build in .next (run `npx next build`)";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let server: Awaited<ReturnType<typeof startNextServer>>;
let owner: Awaited<ReturnType<typeof createUser>>;
let other: Awaited<ReturnType<typeof createUser>>;
let failedPublic: { id: string };
let privateOne: { id: string };

before(async () => {
  if (skip) return;
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
  privateOne = await insertFinishedSubmission(ctx.db, {
    fixture,
    user: owner,
    visibility: "private",
    name: "secret-entry",
  });
  server = await startNextServer({ databaseUrl: process.env.DATABASE_URL!, home: ctx.home });
});
after(async () => {
  await server?.stop();
  await ctx?.close();
});

async function page(path: string, user?: { id: string; email: string }) {
  const response = await fetch(server.base + path, {
    headers: user ? { cookie: await sessionCookie(user) } : {},
    redirect: "manual",
  });
  return { status: response.status, html: await response.text(), location: response.headers.get("location") };
}

test(
  "a private submission's page is 404 to another user and to anonymous readers, and renders for its owner",
  { skip },
  async () => {
    for (const viewer of [other, undefined]) {
      const { status, html } = await page(`/submissions/${privateOne.id}`, viewer);
      assert.equal(status, 404);
      assert.doesNotMatch(html, /secret-entry/);
    }
    const own = await page(`/submissions/${privateOne.id}`, owner);
    assert.equal(own.status, 200);
    assert.match(own.html, /secret-entry/);
  },
);

test("a malformed id or slug in a page's path is its 404 page, never a server error", { skip }, async () => {
  for (const path of [
    "/submissions/%00",
    "/submissions/not-a-uuid",
    "/benchmarks/%00",
    "/benchmarks/%00/about",
    "/organize/%00",
  ]) {
    const { status } = await page(path, owner);
    assert.equal(status, 404, path);
  }
  // A path that is not valid UTF-8 once decoded is refused by Next itself, before any page runs.
  assert.equal((await page("/benchmarks/%ff%fe", owner)).status, 400);
});

test("the log and failure details render for the owner only", { skip }, async () => {
  const own = await page(`/submissions/${failedPublic.id}`, owner);
  assert.match(own.html, /data-testid="submission-log"/);
  assert.match(own.html, /owner-only log text/);
  for (const viewer of [other, undefined]) {
    const { status, html } = await page(`/submissions/${failedPublic.id}`, viewer);
    assert.equal(status, 200);
    assert.doesNotMatch(html, /owner-only log text|submission-log|expected \[25,5\]/);
  }
});

test("organizer pages: anonymous readers are sent to sign in, participants get the 403 panel", { skip }, async () => {
  const anonymous = await page("/organize");
  assert.equal(anonymous.status, 307);
  assert.match(anonymous.location ?? "", /\/signin\?callbackUrl=%2Forganize/);
  const participant = await page("/organize", other);
  assert.match(participant.html, /data-testid="forbidden"/);
  assert.doesNotMatch(participant.html, /data-testid="organize-edit"/);
});
