import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createApiToken } from "@/lib/auth/api-tokens";
import { readSessionToken, cookiesFromHeader } from "@/lib/http/session";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { DELETE as endSession } from "@/app/api/sessions/[sessionId]/route";
import { DELETE as endOtherSessions } from "@/app/api/sessions/route";
import { loadSettings } from "./settings";
import { createUser } from "@/testing/platform/fixtures";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

const del = (url: string, cookie: string) =>
  new Request(`http://localhost:3000${url}`, { method: "DELETE", headers: { cookie } });
const sessionIdOf = async (cookie: string) => (await readSessionToken(cookiesFromHeader(cookie)))!.sessionId;

test("Settings lists the user's own tokens (prefixes only) and browsers, and shows each revocation at once", async () => {
  const [user, other] = [await createUser(ctx.db), await createUser(ctx.db)];
  const [here, laptop, phone] = [await sessionCookie(user), await sessionCookie(user), await sessionCookie(user)];
  const [ci, cli] = [
    await createApiToken(ctx.db, { userId: user.id, name: "ci" }),
    await createApiToken(ctx.db, { userId: user.id, name: "cli" }),
  ];
  await createApiToken(ctx.db, { userId: other.id, name: "theirs" });
  await sessionCookie(other);
  const view = () => loadSettings({ viewer: user, currentSessionId: undefined });
  const listed = await loadSettings({ viewer: user, currentSessionId: await sessionIdOf(here) });
  assert.deepEqual(listed.tokens.map((t) => t.name).sort(), ["ci", "cli"]);
  assert.ok(
    !JSON.stringify(listed.tokens).includes(ci.token) && !JSON.stringify(listed.tokens).includes(cli.token),
    "never the tokens themselves",
  );
  assert.ok(listed.tokens.every((t) => t.prefix.startsWith("hdt_") && t.revokedAt === null));
  assert.equal(listed.sessions.length, 3);
  assert.deepEqual(
    listed.sessions.filter((s) => s.current).map((s) => s.id),
    [await sessionIdOf(here)],
  );

  assert.equal(
    (await revokeToken(del(`/api/tokens/${ci.id}`, here), { params: Promise.resolve({ id: ci.id }) })).status,
    204,
  );
  const phoneId = await sessionIdOf(phone);
  assert.equal(
    (await endSession(del(`/api/sessions/${phoneId}`, here), { params: Promise.resolve({ sessionId: phoneId }) }))
      .status,
    204,
  );
  const after = await view();
  assert.deepEqual(after.tokens.map((t) => [t.name, t.revokedAt !== null]).sort(), [
    ["ci", true],
    ["cli", false],
  ]);
  assert.deepEqual(after.sessions.map((s) => s.id).sort(), [await sessionIdOf(here), await sessionIdOf(laptop)].sort());

  assert.deepEqual(await (await endOtherSessions(del("/api/sessions", here))).json(), { ended: 1 });
  assert.deepEqual(
    (await view()).sessions.map((s) => s.id),
    [await sessionIdOf(here)],
  );
});
