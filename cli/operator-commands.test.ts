import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { findUserByApiToken } from "@/lib/auth/api-tokens";
import { findUserByEmail } from "@/db/queries/users";
import { createTestDatabase } from "@/testing/platform/database";
import { verifyPassword } from "@/lib/auth/password";
import { runBin } from "@/testing/cli/run-bin";

// Operator commands act on the platform's database directly: the real command, against a real PostgreSQL.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database?.drop();
});

const heldout = (args: string[]) => runBin(args, { env: { DATABASE_URL: database.url } });

test("user add creates an account with the role, a password that verifies and a verified email", async () => {
  const r = await heldout([
    "user",
    "add",
    "--email",
    "Admin@Example.org",
    "--password",
    "correct horse battery",
    "--role",
    "admin",
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Created admin admin@example\.org \([0-9a-f-]+\)\.\n$/);
  const user = await findUserByEmail(database.db, "admin@example.org");
  assert.equal(user?.role, "admin");
  assert.equal(await verifyPassword("correct horse battery", user!.passwordHash!), true);
  assert.ok(user!.emailVerified, "the operator made it: the address counts as verified");
});

test("user add refuses a taken email, exit 1, and changes nothing", async () => {
  const r = await heldout([
    "user",
    "add",
    "--email",
    "admin@example.org",
    "--password",
    "another long password",
    "--role",
    "participant",
  ]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "An account with admin@example.org already exists.\n");
  assert.equal((await findUserByEmail(database.db, "admin@example.org"))?.role, "admin");
});

test("user add refuses a bad role before touching the database", async () => {
  const r = await heldout([
    "user",
    "add",
    "--email",
    "x@example.org",
    "--password",
    "long enough password",
    "--role",
    "root",
  ]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^--role must be 'participant', 'organizer' or 'admin', got 'root'\./);
});

test("token create prints a token that authenticates as the user", async () => {
  const r = await heldout(["token", "create", "--email", "admin@example.org", "--name", "laptop"]);
  assert.equal(r.status, 0, r.stderr);
  const token = r.stdout.trim();
  assert.match(r.stderr, /^Token 'laptop' for admin@example\.org\. It is shown only this once/);
  const user = await findUserByApiToken(database.db, token);
  assert.equal(user?.email, "admin@example.org");
});

test("token create for an unknown email says so, exit 1", async () => {
  const r = await heldout(["token", "create", "--email", "nobody@example.org"]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "No account with the email nobody@example.org.\n");
});
