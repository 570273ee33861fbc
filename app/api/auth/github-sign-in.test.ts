import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { findUserByEmail } from "@/db/queries/users";
import { replaceEmailTokenByAddress } from "@/lib/auth/email-tokens";
import { resetPasswordWithToken } from "@/lib/auth/password-reset";
import { requireVerifiedEmail } from "@/lib/auth/verification";
import { AppError } from "@/lib/core/errors";
import { createUser } from "@/testing/platform/fixtures";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { nextAuthSession, signInWithGitHub } from "@/testing/platform/sign-in";

/**
 * A loopback HTTP server in GitHub's place (GITHUB_URL and GITHUB_API_URL point at it): the OAuth token exchange,
 * `GET /user` and `GET /user/emails`, answering per authorization code with the account that code stands for.
 */
type GitHubAccount = { id: number; login: string; email: string | null; emails: unknown; emailsStatus?: number };
const accounts = new Map<string, GitHubAccount>();
const server = http.createServer((req, res) => {
  const reply = (status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/login/oauth/access_token") {
      const code = new URLSearchParams(body).get("code") ?? "";
      // The access token is the code itself, so the API calls below know which account is asking.
      return accounts.has(code)
        ? reply(200, { access_token: code, token_type: "bearer", scope: "read:user,user:email" })
        : reply(400, { error: "bad_verification_code" });
    }
    const account = accounts.get(/^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? "");
    if (!account) return reply(401, { message: "Bad credentials" });
    if (req.url === "/api/user")
      return reply(200, { id: account.id, login: account.login, name: null, email: account.email, avatar_url: null });
    if (req.url === "/api/user/emails") return reply(account.emailsStatus ?? 200, account.emails);
    reply(404, { message: "Not Found" });
  });
});

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx = await startRouteTest({
    GITHUB_ID: "test-client",
    GITHUB_SECRET: "test-client-secret",
    GITHUB_URL: base,
    GITHUB_API_URL: `${base}/api`,
  });
});
after(async () => {
  await ctx.close();
  await new Promise((resolve) => server.close(resolve));
});

let nextId = 1000;
function gitHubAccount(code: string, emails: unknown, extra: Partial<GitHubAccount> = {}): GitHubAccount {
  const account = { id: nextId++, login: `octo${nextId}`, email: null, emails, ...extra };
  accounts.set(code, account);
  return account;
}

const unverified = (e: unknown) => e instanceof AppError && e.code === "email_unverified";

test("a GitHub sign-in whose primary address GitHub verified makes a verified account, signed in", async () => {
  gitHubAccount("code-verified", [
    { email: "Grace@Example.org", primary: true, verified: true, visibility: "private" },
  ]);
  const signedIn = await signInWithGitHub({ code: "code-verified" });
  assert.ok(signedIn.cookie, signedIn.error);
  const user = await findUserByEmail(ctx.db, "grace@example.org");
  assert.ok(user?.emailVerified, "GitHub verified the address: the account counts as verified");
  requireVerifiedEmail(user);
  const session = (await nextAuthSession(signedIn.cookie)).body as { user?: { id?: string; email?: string } };
  assert.deepEqual([session.user?.id, session.user?.email], [user.id, "grace@example.org"]);
});

test("an unverified GitHub address makes an account that may sign in but not submit or take invites", async () => {
  gitHubAccount("code-unverified", [{ email: "mallory@example.org", primary: true, verified: false }]);
  const signedIn = await signInWithGitHub({ code: "code-unverified" });
  assert.ok(signedIn.cookie, signedIn.error);
  const user = await findUserByEmail(ctx.db, "mallory@example.org");
  assert.equal(user?.emailVerified, null);
  assert.throws(() => requireVerifiedEmail(user!), unverified);
});

test("the public profile address is not taken as verified when the address list cannot be read", async () => {
  gitHubAccount("code-list-fails", { message: "boom" }, { email: "public@example.org", emailsStatus: 500 });
  assert.ok((await signInWithGitHub({ code: "code-list-fails" })).cookie);
  assert.equal((await findUserByEmail(ctx.db, "public@example.org"))?.emailVerified, null);
});

test("an unverified primary with a verified secondary signs in with the verified one", async () => {
  gitHubAccount("code-secondary", [
    { email: "unconfirmed@example.org", primary: true, verified: false },
    { email: "confirmed@example.org", primary: false, verified: true },
  ]);
  assert.ok((await signInWithGitHub({ code: "code-secondary" })).cookie);
  assert.ok((await findUserByEmail(ctx.db, "confirmed@example.org"))?.emailVerified);
  assert.equal(await findUserByEmail(ctx.db, "unconfirmed@example.org"), undefined);
});

test("a returning GitHub account becomes verified once GitHub has verified its address", async () => {
  const account = gitHubAccount("code-later", [{ email: "later@example.org", primary: true, verified: false }]);
  assert.ok((await signInWithGitHub({ code: "code-later" })).cookie);
  const before = await findUserByEmail(ctx.db, "later@example.org");
  assert.equal(before?.emailVerified, null);
  account.emails = [{ email: "later@example.org", primary: true, verified: true }];
  assert.ok((await signInWithGitHub({ code: "code-later" })).cookie);
  const afterwards = await findUserByEmail(ctx.db, "later@example.org");
  assert.equal(afterwards?.id, before?.id, "the same account signs in again");
  assert.ok(afterwards?.emailVerified);
});

test("a GitHub address that another account already has is refused, and that account is left as it was", async () => {
  const existing = await createUser(ctx.db);
  gitHubAccount("code-taken", [{ email: existing.email, primary: true, verified: true }]);
  const refused = await signInWithGitHub({ code: "code-taken" });
  assert.equal(refused.cookie, undefined);
  assert.equal(refused.error, "OAuthAccountNotLinked");
  assert.deepEqual(await findUserByEmail(ctx.db, existing.email), existing);
});

test("when the address's owner resets the password, a GitHub sign-in linked while unverified loses its way in", async () => {
  gitHubAccount("code-squatter", [{ email: "victim@example.org", primary: true, verified: false }]);
  assert.ok((await signInWithGitHub({ code: "code-squatter" })).cookie);
  // The owner of the address asks for a reset link (it reaches their mailbox) and follows it.
  const issued = await replaceEmailTokenByAddress(ctx.db, {
    email: "victim@example.org",
    purpose: "reset_password",
    now: new Date(),
  });
  await resetPasswordWithToken({
    db: ctx.db,
    token: issued!.token,
    password: "the owner's own passphrase",
    now: new Date(),
  });
  assert.ok((await findUserByEmail(ctx.db, "victim@example.org"))?.emailVerified);
  const again = await signInWithGitHub({ code: "code-squatter" });
  assert.equal(again.cookie, undefined, "the GitHub account never proved the address: it no longer signs in");
  assert.equal(again.error, "OAuthAccountNotLinked");
  // A GitHub account whose address GitHub verified keeps its link through a reset.
  gitHubAccount("code-owner", [{ email: "owner@example.org", primary: true, verified: true }]);
  assert.ok((await signInWithGitHub({ code: "code-owner" })).cookie);
  const own = await replaceEmailTokenByAddress(ctx.db, {
    email: "owner@example.org",
    purpose: "reset_password",
    now: new Date(),
  });
  await resetPasswordWithToken({ db: ctx.db, token: own!.token, password: "a password as well now", now: new Date() });
  assert.ok((await signInWithGitHub({ code: "code-owner" })).cookie);
});

test("an authorization code GitHub refuses signs nobody in", async () => {
  const refused = await signInWithGitHub({ code: "code-nobody-issued" });
  assert.equal(refused.cookie, undefined);
  assert.equal(refused.error, "OAuthCallback");
});
