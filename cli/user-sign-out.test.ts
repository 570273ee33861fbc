import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { findLiveWebSession } from "@/db/queries/web-sessions";
import { createUserWithPassword } from "@/lib/auth/users";
import { createTestDatabase } from "@/testing/platform/database";
import { startWebSession } from "@/lib/auth/web-sessions";
import { runBin } from "@/testing/cli/run-bin";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
before(async () => (database = await createTestDatabase()));
after(async () => database?.drop());

const heldout = (args: string[]) => runBin(args, { env: { DATABASE_URL: database.url } });

test("user sign-out ends every session of that account at once, and no one else's", async () => {
  const [ada, bob] = [
    await createUserWithPassword(database.db, { email: "ada@example.org", password: "correct horse battery" }),
    await createUserWithPassword(database.db, { email: "bob@example.org", password: "correct horse battery" }),
  ];
  const now = new Date();
  const adaSessions = [
    await startWebSession(database.db, { userId: ada.id, now }),
    await startWebSession(database.db, { userId: ada.id, now }),
  ];
  const bobSession = await startWebSession(database.db, { userId: bob.id, now });
  const r = await heldout(["user", "sign-out", "--email", "Ada@Example.org"]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "Signed ada@example.org out of 2 sessions.\n");
  for (const id of adaSessions) assert.equal(await findLiveWebSession(database.db, { id, now }), undefined);
  assert.ok(await findLiveWebSession(database.db, { id: bobSession, now }));
});

test("user sign-out of an unknown email is exit 1 with a message", async () => {
  const r = await heldout(["user", "sign-out", "--email", "nobody@example.org"]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "No account with the email nobody@example.org.\n");
});
