import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { findUserByEmail } from "@/db/queries/users";
import { requireVerifiedEmail } from "@/lib/auth/verification";
import { startSmtpServer } from "@/testing/mail/smtp-server";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { POST as signUp } from "./route";

// A closed install whose operator vets every account: HELDOUT_REQUIRE_EMAIL_VERIFICATION=false.
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => {
  smtp = await startSmtpServer();
  ctx = await startRouteTest({ SMTP_URL: smtp.url, HELDOUT_REQUIRE_EMAIL_VERIFICATION: "false" });
});
after(async () => {
  await ctx.close();
  await smtp.close();
});

const post = (body: unknown) =>
  signUp(
    new Request("http://localhost:3000/api/users", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json" },
    }),
  );

test("where verification is off, a sign-up counts as verified at once and gets no link; a taken address still gets its note", async () => {
  assert.equal((await post({ email: "Vetted@Example.org", password: "a long enough passphrase" })).status, 202);
  const user = await findUserByEmail(ctx.db, "vetted@example.org");
  assert.ok(user?.emailVerified);
  requireVerifiedEmail(user);
  assert.equal((await post({ email: "vetted@example.org", password: "someone else's passphrase" })).status, 202);
  const note = await smtp.next();
  assert.match(note.text, /already has a Heldout account/);
  await sleep(200);
  assert.equal(smtp.received.length, 1, "the only mail is the note to the taken address: no verification link");
});
