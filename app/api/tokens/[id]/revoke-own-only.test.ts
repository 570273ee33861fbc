import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/testing/platform/fixtures";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { POST as create } from "../route";
import { DELETE } from "./route";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

const revoke = (id: string, headers: Record<string, string> = {}) =>
  DELETE(new Request(`http://localhost/api/tokens/${id}`, { method: "DELETE", headers }), {
    params: Promise.resolve({ id }),
  });

test("a token is shown once at creation, works, and stops working once its owner revokes it", async () => {
  const owner = await createUser(ctx.db);
  const created = await create(
    new Request("http://localhost/api/tokens", {
      method: "POST",
      body: JSON.stringify({ name: "laptop" }),
      headers: { cookie: await sessionCookie(owner) },
    }),
  );
  assert.equal(created.status, 201);
  const { id, token } = await created.json();
  assert.match(token, /^hdt_/);
  assert.equal((await revoke(id, { authorization: `Bearer ${token}` })).status, 204);
  assert.equal((await revoke(id, { authorization: `Bearer ${token}` })).status, 401);
});

test("someone else's token is 404 and stays valid; anonymous is 401", async () => {
  const owner = await createUser(ctx.db);
  const other = await createUser(ctx.db);
  const { id, token } = await createApiToken(ctx.db, { userId: owner.id, name: "ci" });
  assert.equal((await revoke(id, { cookie: await sessionCookie(other) })).status, 404);
  assert.equal((await revoke(id)).status, 401);
  assert.equal((await revoke(id, { authorization: `Bearer ${token}` })).status, 204);
});
