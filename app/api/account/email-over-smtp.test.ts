import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { findUserByEmail } from "@/db/queries/users";
import { linkIn, startSmtpServer } from "@/testing/mail/smtp-server";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { signInWithPassword } from "@/testing/platform/sign-in";
import { POST as signUpRoute } from "../users/route";
import { GET as listTokens } from "../tokens/route";
import { POST as submit } from "../submissions/route";
import { POST as acceptInvite } from "../invites/[id]/accept/route";
import { POST as confirmReset } from "./password-reset/confirm/route";
import { POST as requestReset } from "./password-reset/route";
import { PUT as changePassword } from "./password/route";
import { POST as verify } from "./verify-email/route";
import { createBenchmark } from "@/testing/platform/fixtures";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => {
  smtp = await startSmtpServer();
  ctx = await startRouteTest({ SMTP_URL: smtp.url, MAIL_FROM: "Heldout <noreply@heldout.test>" });
});
after(async () => {
  await ctx.close();
  await smtp.close();
});

const post = (
  handler: (req: Request) => Promise<Response>,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  handler(
    new Request(`http://localhost:3000${url}`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
  );
const PASSWORD = "a long enough passphrase";
const works = async (cookie: string) =>
  (await listTokens(new Request("http://localhost:3000/api/tokens", { headers: { cookie } }))).status === 200;

test("sign-up mails a verification link over SMTP; until it is followed the account signs in but may not submit or take invites", async () => {
  const response = await post(
    signUpRoute,
    "/api/users",
    { email: "Ada@Example.org", password: PASSWORD, name: "Ada" },
    { "x-forwarded-for": "198.51.100.1" },
  );
  assert.equal(response.status, 202);
  assert.match((await response.json()).message, /Check your email/);
  const mail = await smtp.next();
  assert.deepEqual(mail.to, ["ada@example.org"]);
  assert.match(mail.raw, /^From: Heldout <noreply@heldout\.test>/m);
  const link = linkIn(mail, "/verify-email?token=");
  assert.equal(link.origin, "http://localhost:3000");

  const user = (await findUserByEmail(ctx.db, "ada@example.org"))!;
  assert.equal(user.emailVerified, null);
  const signedIn = await signInWithPassword({ email: "ada@example.org", password: PASSWORD });
  assert.ok(signedIn.cookie, "an unverified account can sign in");
  const refused = await submit(
    new Request("http://localhost:3000/api/submissions", { method: "POST", headers: { cookie: signedIn.cookie } }),
  );
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).error.code, "email_unverified");
  const unknownInvite = "00000000-0000-4000-8000-000000000000";
  const invite = await acceptInvite(
    new Request(`http://localhost:3000/api/invites/${unknownInvite}/accept`, {
      method: "POST",
      headers: { cookie: signedIn.cookie },
    }),
    { params: Promise.resolve({ id: unknownInvite }) },
  );
  assert.equal(invite.status, 403);
  assert.equal((await invite.json()).error.code, "email_unverified");

  const verified = await post(verify, "/api/account/verify-email", { token: link.searchParams.get("token") });
  assert.equal(verified.status, 200);
  assert.ok((await findUserByEmail(ctx.db, "ada@example.org"))!.emailVerified);
  const again = await post(verify, "/api/account/verify-email", { token: link.searchParams.get("token") });
  assert.equal(again.status, 400, "the link works once");
  assert.equal((await again.json()).error.code, "link_invalid");
  assert.equal((await post(verify, "/api/account/verify-email", { token: "made-up" })).status, 400);
});

test("an invite-only benchmark granted to an address stays hidden from an account that has not verified it", async () => {
  const { benchmarkInvites, benchmarks } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const { canSeeBenchmark } = await import("@/lib/benchmark-access");
  const fixture = await createBenchmark(ctx.db);
  await ctx.db.update(benchmarks).set({ visibility: "invite" }).where(eq(benchmarks.id, fixture.benchmark.id));
  const { createUser } = await import("@/testing/platform/fixtures");
  await ctx.db.insert(benchmarkInvites).values({
    benchmarkId: fixture.benchmark.id,
    email: "squatter@example.org",
    invitedBy: (await createUser(ctx.db, { role: "admin" })).id,
  });
  await post(
    signUpRoute,
    "/api/users",
    { email: "squatter@example.org", password: PASSWORD },
    { "x-forwarded-for": "198.51.100.2" },
  );
  const mail = await smtp.next();
  const user = (await findUserByEmail(ctx.db, "squatter@example.org"))!;
  assert.equal(await canSeeBenchmark(ctx.db, fixture.benchmark.id, user), false);
  await post(verify, "/api/account/verify-email", {
    token: linkIn(mail, "/verify-email?token=").searchParams.get("token"),
  });
  assert.equal(await canSeeBenchmark(ctx.db, fixture.benchmark.id, user), true);
});

test("signing up with a taken address answers exactly as for a new one, changes nothing, and tells the owner by mail", async () => {
  const before = (await findUserByEmail(ctx.db, "ada@example.org"))!;
  const response = await post(
    signUpRoute,
    "/api/users",
    { email: "ada@example.org", password: "someone else's password" },
    { "x-forwarded-for": "198.51.100.3" },
  );
  assert.equal(response.status, 202);
  const body = await response.json();
  assert.match(body.message, /Check your email/);
  assert.ok(!JSON.stringify(body).includes("exists"));
  const mail = await smtp.next();
  assert.deepEqual(mail.to, ["ada@example.org"]);
  assert.match(mail.text, /already has a Heldout account/);
  assert.equal((await findUserByEmail(ctx.db, "ada@example.org"))!.passwordHash, before.passwordHash);
  const weak = await post(
    signUpRoute,
    "/api/users",
    { email: "ada@example.org", password: "short" },
    { "x-forwarded-for": "198.51.100.3" },
  );
  assert.equal(weak.status, 400, "a weak password is refused the same way for a taken address");
});

test("password reset: an emailed single-use link sets the password and ends every session; unknown addresses get the same answer", async () => {
  const user = (await findUserByEmail(ctx.db, "ada@example.org"))!;
  const [laptop, phone] = [await sessionCookie(user), await sessionCookie(user)];
  const unknown = await post(
    requestReset,
    "/api/account/password-reset",
    { email: "nobody@example.org" },
    { "x-forwarded-for": "198.51.100.4" },
  );
  const known = await post(
    requestReset,
    "/api/account/password-reset",
    { email: "ADA@example.org" },
    { "x-forwarded-for": "198.51.100.4" },
  );
  assert.equal(unknown.status, 202);
  assert.equal(known.status, 202);
  assert.deepEqual(await unknown.json(), await known.json());
  const mail = await smtp.next();
  assert.deepEqual(mail.to, ["ada@example.org"], "only the known address gets mail");
  const token = linkIn(mail, "/reset-password?token=").searchParams.get("token");

  const weak = await post(confirmReset, "/api/account/password-reset/confirm", { token, password: "short" });
  assert.equal(weak.status, 400);
  const done = await post(confirmReset, "/api/account/password-reset/confirm", {
    token,
    password: "a brand new passphrase",
  });
  assert.equal(done.status, 200);
  assert.deepEqual([await works(laptop), await works(phone)], [false, false], "every session ends on reset");
  assert.equal((await signInWithPassword({ email: "ada@example.org", password: PASSWORD })).cookie, undefined);
  assert.ok((await signInWithPassword({ email: "ada@example.org", password: "a brand new passphrase" })).cookie);
  const reused = await post(confirmReset, "/api/account/password-reset/confirm", {
    token,
    password: "yet another passphrase",
  });
  assert.equal(reused.status, 400, "the link works once");
  assert.equal((await reused.json()).error.code, "link_invalid");
});

test("an expired reset link is refused", async () => {
  const { emailTokens } = await import("@/db/schema");
  await post(
    requestReset,
    "/api/account/password-reset",
    { email: "squatter@example.org" },
    { "x-forwarded-for": "198.51.100.5" },
  );
  const token = linkIn(await smtp.next(), "/reset-password?token=").searchParams.get("token");
  await ctx.db.update(emailTokens).set({ expiresAt: new Date(Date.now() - 1000) });
  const response = await post(confirmReset, "/api/account/password-reset/confirm", {
    token,
    password: "a brand new passphrase",
  });
  assert.equal(response.status, 400);
  assert.equal((await response.json()).error.code, "link_invalid");
});

test("a new reset link voids the account's older one, and no other account's link or its verification link", async () => {
  const ask = (email: string) =>
    post(requestReset, "/api/account/password-reset", { email }, { "x-forwarded-for": "198.51.100.8" });
  await post(
    signUpRoute,
    "/api/users",
    { email: "twice@example.org", password: PASSWORD },
    { "x-forwarded-for": "198.51.100.8" },
  );
  const verifyToken = linkIn(await smtp.next(), "/verify-email?token=").searchParams.get("token");
  const resetToken = async (email: string) => {
    await ask(email);
    return linkIn(await smtp.next(), "/reset-password?token=").searchParams.get("token");
  };
  const other = await resetToken("ada@example.org");
  const first = await resetToken("twice@example.org");
  const second = await resetToken("twice@example.org");
  const confirm = (token: string | null) =>
    post(confirmReset, "/api/account/password-reset/confirm", { token, password: "a brand new passphrase" });
  const voided = await confirm(first);
  assert.equal(voided.status, 400);
  assert.equal((await voided.json()).error.code, "link_invalid");
  assert.equal((await confirm(second)).status, 200);
  assert.equal((await confirm(other)).status, 200, "another account's link still works");
  assert.equal(
    (await post(verify, "/api/account/verify-email", { token: verifyToken })).status,
    200,
    "a reset link spends only reset links",
  );
});

test("changing the password needs the current one and ends the other sessions, not this one", async () => {
  const user = (await findUserByEmail(ctx.db, "ada@example.org"))!;
  const [here, there] = [await sessionCookie(user), await sessionCookie(user)];
  const put = (cookie: string, body: unknown) =>
    changePassword(
      new Request("http://localhost:3000/api/account/password", {
        method: "PUT",
        body: JSON.stringify(body),
        headers: { cookie, "content-type": "application/json" },
      }),
    );
  const wrong = await put(here, { current: "not it at all", password: "another fine passphrase" });
  assert.equal(wrong.status, 403);
  assert.equal(await works(there), true, "a refused change ends nothing");
  assert.equal(
    (await put(here, { current: "a brand new passphrase", password: "another fine passphrase" })).status,
    200,
  );
  assert.deepEqual([await works(here), await works(there)], [true, false]);
  const anonymous = await changePassword(
    new Request("http://localhost:3000/api/account/password", { method: "PUT", body: "{}" }),
  );
  assert.equal(anonymous.status, 401);
});

test("a signed-in unverified account can ask for a new link (the old one keeps working until used); a verified one is told so", async () => {
  const { POST: resend } = await import("./verification/route");
  await post(
    signUpRoute,
    "/api/users",
    { email: "late@example.org", password: PASSWORD },
    { "x-forwarded-for": "198.51.100.6" },
  );
  await smtp.next();
  const user = (await findUserByEmail(ctx.db, "late@example.org"))!;
  const cookie = await sessionCookie(user);
  const response = await resend(
    new Request("http://localhost:3000/api/account/verification", { method: "POST", headers: { cookie } }),
  );
  assert.equal(response.status, 202);
  const token = linkIn(await smtp.next(), "/verify-email?token=").searchParams.get("token");
  assert.equal((await post(verify, "/api/account/verify-email", { token })).status, 200);
  const already = await resend(
    new Request("http://localhost:3000/api/account/verification", { method: "POST", headers: { cookie } }),
  );
  assert.equal(already.status, 409);
  assert.equal(
    (await resend(new Request("http://localhost:3000/api/account/verification", { method: "POST" }))).status,
    401,
  );
});
