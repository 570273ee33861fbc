import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { nextAuthSession, signInWithPassword, signOutWithCookie } from "@/testing/platform/sign-in";
import { GET as listTokens } from "../tokens/route";
import { DELETE as endUserSessions } from "../users/[id]/sessions/route";
import { DELETE as endOne } from "./[sessionId]/route";
import { DELETE as endOthers, GET as listSessions } from "./route";
import { createUser } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

const PASSWORD = "correct horse battery";
const request = (url: string, cookie: string | undefined, method = "GET") =>
  new Request(`http://localhost:3000${url}`, { method, headers: cookie ? { cookie } : {} });
/** Whether a cookie still signs its browser in: an authenticated API read answers 200, an ended session 401. */
const works = async (cookie: string) => (await listTokens(request("/api/tokens", cookie))).status === 200;
const sessionsOf = async (cookie: string) =>
  (
    (await (await listSessions(request("/api/sessions", cookie))).json()) as {
      sessions: { id: string; current: boolean }[];
    }
  ).sessions;

test("signing out through next-auth ends the session at once: the old cookie no longer works for the API", async () => {
  const user = await createUser(ctx.db);
  const signedIn = await signInWithPassword({ email: user.email, password: PASSWORD });
  assert.ok(signedIn.cookie, `sign-in failed: ${signedIn.error}`);
  assert.equal(await works(signedIn.cookie), true);
  await signOutWithCookie(signedIn.cookie);
  assert.equal(await works(signedIn.cookie), false, "a signed-out cookie must not authenticate");
});

test("next-auth's own /api/auth/session answers no session for an ended one, and clears its cookie", async () => {
  const [user, admin] = [await createUser(ctx.db), await createUser(ctx.db, { role: "admin" })];
  const [signedOut, everywhere, kept] = [
    await sessionCookie(user),
    await sessionCookie(user),
    await sessionCookie(user),
  ];
  const live = await nextAuthSession(kept);
  assert.equal((live.body as { user?: { id?: string } }).user?.id, user.id);
  assert.equal(live.cleared, false);
  await signOutWithCookie(signedOut);
  assert.deepEqual(await nextAuthSession(signedOut), { body: {}, cleared: true });
  assert.equal((await nextAuthSession(kept)).cleared, false, "signing out one browser leaves the others");
  const ended = await endUserSessions(request(`/api/users/${user.id}/sessions`, await sessionCookie(admin), "DELETE"), {
    params: Promise.resolve({ id: user.id }),
  });
  assert.equal(ended.status, 200);
  for (const cookie of [everywhere, kept]) assert.deepEqual(await nextAuthSession(cookie), { body: {}, cleared: true });
});

test("the list marks the current session; ending one of mine ends exactly that one", async () => {
  const user = await createUser(ctx.db);
  const [laptop, phone] = [await sessionCookie(user), await sessionCookie(user)];
  const listed = await sessionsOf(laptop);
  assert.equal(listed.length, 2);
  assert.equal(listed.filter((s) => s.current).length, 1);
  const phoneId = listed.find((s) => !s.current)!.id;
  assert.equal(
    (
      await endOne(request(`/api/sessions/${phoneId}`, laptop, "DELETE"), {
        params: Promise.resolve({ sessionId: phoneId }),
      })
    ).status,
    204,
  );
  assert.equal(await works(phone), false);
  assert.equal(await works(laptop), true);
});

test("someone else's session is not found, and survives", async () => {
  const [owner, other] = [await createUser(ctx.db), await createUser(ctx.db)];
  const ownerCookie = await sessionCookie(owner);
  const ownerSession = (await sessionsOf(ownerCookie))[0]!.id;
  const response = await endOne(request(`/api/sessions/${ownerSession}`, await sessionCookie(other), "DELETE"), {
    params: Promise.resolve({ sessionId: ownerSession }),
  });
  assert.equal(response.status, 404);
  assert.equal((await response.json()).error.code, "session_not_found");
  assert.equal(await works(ownerCookie), true);
  assert.equal((await listSessions(request("/api/sessions", undefined))).status, 401);
});

test("'sign out everywhere else' keeps the browser that asked", async () => {
  const user = await createUser(ctx.db);
  const [here, there, elsewhere] = [await sessionCookie(user), await sessionCookie(user), await sessionCookie(user)];
  const response = await endOthers(request("/api/sessions", here, "DELETE"));
  assert.deepEqual(await response.json(), { ended: 2 });
  assert.deepEqual([await works(here), await works(there), await works(elsewhere)], [true, false, false]);
});

test("an admin signs a user out everywhere; a participant and an anonymous caller cannot", async () => {
  const [victim, participant, admin] = [
    await createUser(ctx.db),
    await createUser(ctx.db),
    await createUser(ctx.db, { role: "admin" }),
  ];
  const victimCookie = await sessionCookie(victim);
  const call = async (cookie: string | undefined) =>
    endUserSessions(request(`/api/users/${victim.id}/sessions`, cookie, "DELETE"), {
      params: Promise.resolve({ id: victim.id }),
    });
  assert.equal((await call(undefined)).status, 401);
  const refused = await call(await sessionCookie(participant));
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.code, "forbidden");
  assert.equal(await works(victimCookie), true, "a refused request ends nothing");
  const done = await call(await sessionCookie(admin));
  assert.equal(done.status, 200);
  assert.equal(await works(victimCookie), false);
  const missing = await endUserSessions(request("/api/users/nobody/sessions", await sessionCookie(admin), "DELETE"), {
    params: Promise.resolve({ id: "nobody" }),
  });
  assert.equal(missing.status, 404);
});

test("a valid JWT without a server-side session (or with a forged one) is nobody", async () => {
  const { encode } = await import("next-auth/jwt");
  const { sessionCookieName } = await import("@/lib/http/session");
  const user = await createUser(ctx.db);
  for (const token of [{ sub: user.id }, { sub: user.id, sid: "made-up" }]) {
    const jwt = await encode({ token, secret: "test-secret-for-route-handlers-0123456789" });
    assert.equal(await works(`${sessionCookieName()}=${jwt}`), false);
  }
  // Another user's live session id under my user id does not sign me in either.
  const other = await createUser(ctx.db);
  const otherSession = (await sessionsOf(await sessionCookie(other)))[0]!.id;
  const jwt = await encode({
    token: { sub: user.id, sid: otherSession },
    secret: "test-secret-for-route-handlers-0123456789",
  });
  assert.equal(await works(`${sessionCookieName()}=${jwt}`), false);
});
