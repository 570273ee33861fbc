import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openDatabase } from "@/db/client";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { signInWithPassword } from "@/testing/platform/sign-in";
import { POST as requestReset } from "@/app/api/account/password-reset/route";
import { POST as signUp } from "@/app/api/users/route";
import { getConfig } from "../config";
import { AppError } from "../core/errors";
import { clientAddress, limitAttempt, RATE_LIMITS } from "./rate-limit";
import { createUser } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

const PASSWORD = "correct horse battery";

test("sign-in: after the account's limit even the right password is refused, with 'try again in N s'", async () => {
  const user = await createUser(ctx.db);
  const limit = RATE_LIMITS["sign-in"].account.attempts;
  for (let i = 0; i < limit; i++) {
    const wrong = await signInWithPassword({
      email: user.email,
      password: `wrong guess ${i}`,
      headers: { "x-forwarded-for": `203.0.113.${i}` },
    });
    assert.equal(wrong.cookie, undefined);
  }
  const right = await signInWithPassword({
    email: user.email,
    password: PASSWORD,
    headers: { "x-forwarded-for": "203.0.113.200" },
  });
  assert.equal(right.cookie, undefined, "the right password after the limit must not sign in");
  assert.match(right.error ?? "", /^Too many attempts\. Try again in \d+ s\.$/);
  const seconds = Number(/in (\d+) s/.exec(right.error!)![1]);
  assert.ok(seconds > 0 && seconds <= RATE_LIMITS["sign-in"].account.windowMs / 1000, String(seconds));
});

test("sign-in: one client address guessing across many accounts is stopped too; another address is not", async () => {
  const user = await createUser(ctx.db);
  const limit = RATE_LIMITS["sign-in"].client.attempts;
  for (let i = 0; i < limit; i++)
    await signInWithPassword({
      email: `victim${i}@example.org`,
      password: "guess",
      headers: { "x-forwarded-for": "192.0.2.66" },
    });
  const blocked = await signInWithPassword({
    email: user.email,
    password: PASSWORD,
    headers: { "x-forwarded-for": "192.0.2.66" },
  });
  assert.match(blocked.error ?? "", /Try again in \d+ s/);
  const elsewhere = await signInWithPassword({
    email: user.email,
    password: PASSWORD,
    headers: { "x-forwarded-for": "192.0.2.67" },
  });
  assert.ok(elsewhere.cookie, elsewhere.error);
});

test("sign-up and reset answer 429 with the wait, the same for known and unknown addresses", async () => {
  const known = await createUser(ctx.db);
  for (const email of [known.email, "unknown@example.org"]) {
    const post = (handler: (req: Request) => Promise<Response>, body: unknown) =>
      handler(
        new Request("http://localhost:3000/x", {
          method: "POST",
          body: JSON.stringify(body),
          headers: { "content-type": "application/json", "x-forwarded-for": `198.18.0.${email.length}` },
        }),
      );
    const statuses: number[] = [];
    for (let i = 0; i <= RATE_LIMITS["password-reset"].account.attempts; i++)
      statuses.push((await post(requestReset, { email })).status);
    assert.deepEqual(statuses, [202, 202, 202, 429], email);
    const refused = await post(requestReset, { email });
    assert.match((await refused.json()).error.message, /^Too many attempts\. Try again in \d+ s\.$/);
    const signUps: number[] = [];
    for (let i = 0; i <= RATE_LIMITS["sign-up"].account.attempts; i++)
      signUps.push((await post(signUp, { email, password: "a long enough passphrase" })).status);
    assert.deepEqual(signUps, [202, 202, 202, 429], email);
  }
});

test("the counts live in PostgreSQL: two separate connection pools (two web processes) share one limit", async () => {
  const url = getConfig().databaseUrl!;
  const [a, b] = [openDatabase(url), openDatabase(url)];
  try {
    const now = new Date();
    const attempt = (db: typeof a.db) =>
      limitAttempt(db, { action: "sign-in", email: "shared@example.org", client: "198.51.100.99", now, factor: 1 });
    const limit = RATE_LIMITS["sign-in"].account.attempts;
    // Alternate pools, half the attempts concurrently: the one upsert per attempt counts each exactly once.
    await Promise.all(Array.from({ length: limit }, (_, i) => attempt(i % 2 ? a.db : b.db)));
    await assert.rejects(attempt(a.db), (e: unknown) => e instanceof AppError && e.status === 429);
    await assert.rejects(attempt(b.db), (e: unknown) => e instanceof AppError && e.status === 429);
    // A window later the account may try again.
    const later = new Date(now.getTime() + RATE_LIMITS["sign-in"].account.windowMs + 1);
    await limitAttempt(a.db, {
      action: "sign-in",
      email: "shared@example.org",
      client: "198.51.100.100",
      now: later,
      factor: 1,
    });
  } finally {
    await a.close();
    await b.close();
  }
});

test("the client address is the one the nearest proxy appended, not what the client claimed", () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  assert.equal(clientAddress(headers({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" })), "203.0.113.7");
  assert.equal(clientAddress(headers({ "x-real-ip": "203.0.113.8" })), "203.0.113.8");
  assert.equal(clientAddress(headers({})), "unknown");
});
