import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { findUserByEmail } from "@/db/queries/users";
import { createUserWithPassword } from "@/lib/auth/users";
import { createTestDatabase } from "@/testing/platform/database";
import { runBin } from "@/testing/cli/run-bin";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => (database = await createTestDatabase()));
after(async () => database?.drop());

const heldout = (args: string[]) => runBin(args, { env: { DATABASE_URL: database.url } });

test("user verify counts an unverified account's email as verified, and says so when it already was", async () => {
  await createUserWithPassword(database.db, { email: "early@example.org", password: "correct horse battery" });
  const other = await createUserWithPassword(database.db, {
    email: "other@example.org",
    password: "correct horse battery",
  });
  const r = await heldout(["user", "verify", "--email", "Early@Example.org"]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "early@example.org now counts as verified.\n");
  const verifiedAt = (await findUserByEmail(database.db, "early@example.org"))?.emailVerified;
  assert.ok(verifiedAt);
  assert.equal((await findUserByEmail(database.db, other.email))?.emailVerified, null, "no other account changes");
  const again = await heldout(["user", "verify", "--email", "early@example.org"]);
  assert.equal(again.stdout, "early@example.org was already verified.\n");
  assert.deepEqual(
    (await findUserByEmail(database.db, "early@example.org"))?.emailVerified,
    verifiedAt,
    "its date stays",
  );
});

test("user verify of an unknown email is exit 1 with a message; without --email it is a usage error", async () => {
  const r = await heldout(["user", "verify", "--email", "nobody@example.org"]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "No account with the email nobody@example.org.\n");
  const usage = await heldout(["user", "verify"]);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--email/);
});
