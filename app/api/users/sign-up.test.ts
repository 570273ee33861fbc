import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { findUserByEmail } from "@/db/queries/users";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { POST } from "./route";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

const PASSWORD = "a long enough passphrase";

async function signUp(body: unknown) {
  const response = await POST(
    new Request("http://localhost/api/users", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    }),
  );
  return { status: response.status, text: await response.text() };
}

test("sign-up creates an unverified participant and never sends the password (or its hash) back", async () => {
  const { status, text } = await signUp({ email: "New.Person@Example.org", password: PASSWORD, name: "New Person" });
  assert.equal(status, 202);
  assert.match(JSON.parse(text).message, /Check your email/);
  assert.ok(!text.includes(PASSWORD) && !text.includes("scrypt"), text);
  const user = await findUserByEmail(ctx.db, "new.person@example.org");
  assert.ok(user?.passwordHash?.startsWith("scrypt$"));
  assert.equal(user!.role, "participant");
  assert.equal(user!.emailVerified, null);
});

test("a taken email answers exactly like a new one (no enumeration); a short password is a 400; neither echoes the password", async () => {
  const taken = await signUp({ email: "new.person@example.org", password: "another long passphrase" });
  const fresh = await signUp({ email: "fresh@example.org", password: "another long passphrase" });
  assert.equal(taken.status, 202);
  assert.equal(taken.text, fresh.text);
  assert.ok(!taken.text.includes("another long passphrase"));
  const weak = await signUp({ email: "weak@example.org", password: "short1" });
  assert.equal(weak.status, 400);
  assert.match(JSON.parse(weak.text).error.message, /at least 10 characters/);
  assert.ok(!weak.text.includes("short1"));
});

test("a role in the body is ignored: nobody signs up as an organizer", async () => {
  const { status } = await signUp({ email: "sneaky@example.org", password: PASSWORD, role: "admin" });
  assert.equal(status, 202);
  assert.equal((await findUserByEmail(ctx.db, "sneaky@example.org"))?.role, "participant");
});

test("without SMTP the verification mail lands in the outbox, and `heldout mail` reads it", async () => {
  const { runBin } = await import("@/testing/cli/run-bin");
  await signUp({ email: "outbox@example.org", password: PASSWORD });
  const list = await runBin(["mail", "list"], { env: { HELDOUT_HOME: ctx.home } });
  assert.equal(list.status, 0, list.stderr);
  const line = list.stdout.split("\n").find((l) => l.includes("outbox@example.org"));
  assert.match(line ?? "", /Confirm your email for Heldout/);
  const show = await runBin(["mail", "show", line!.split(/\s+/)[0]!], { env: { HELDOUT_HOME: ctx.home } });
  assert.equal(show.status, 0, show.stderr);
  assert.match(show.stdout, /^To: outbox@example\.org$/m);
  assert.match(show.stdout, /http:\/\/localhost:3000\/verify-email\?token=[\w-]{40,}/);
  const missing = await runBin(["mail", "show", "nope"], { env: { HELDOUT_HOME: ctx.home } });
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr, "No message nope in the outbox.\n");
});
