import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { findUserByEmail } from "@/db/queries/users";
import { startRouteTest } from "@/lib/server/testing";
import { POST } from "./route";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

const PASSWORD = "a long enough passphrase";

async function signUp(body: unknown) {
  const response = await POST(new Request("http://localhost/api/users", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
  return { status: response.status, text: await response.text() };
}

test("sign-up creates a participant and never sends the password (or its hash) back", async () => {
  const { status, text } = await signUp({ email: "New.Person@Example.org", password: PASSWORD, name: "New Person" });
  assert.equal(status, 201);
  const body = JSON.parse(text);
  assert.equal(body.email, "new.person@example.org");
  assert.equal(body.role, "participant");
  assert.ok(!text.includes(PASSWORD) && !text.includes("scrypt"), text);
  assert.ok((await findUserByEmail(ctx.db, "new.person@example.org"))?.passwordHash?.startsWith("scrypt$"));
});

test("a taken email is a 409; a short password a 400; neither echoes the password", async () => {
  const taken = await signUp({ email: "new.person@example.org", password: "another long passphrase" });
  assert.equal(taken.status, 409);
  assert.ok(!taken.text.includes("another long passphrase"));
  const weak = await signUp({ email: "weak@example.org", password: "short1" });
  assert.equal(weak.status, 400);
  assert.match(JSON.parse(weak.text).error.message, /at least 10 characters/);
  assert.ok(!weak.text.includes("short1"));
});

test("a role in the body is ignored: nobody signs up as an organizer", async () => {
  const { status, text } = await signUp({ email: "sneaky@example.org", password: PASSWORD, role: "admin" });
  assert.equal(status, 201);
  assert.equal(JSON.parse(text).role, "participant");
});
