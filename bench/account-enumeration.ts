/**
 * Whether response time tells if an email has an account: sign-in (a wrong password), sign-up and password reset,
 * each with addresses that have an account and addresses that do not, against a real embedded PostgreSQL and a
 * real SMTP server on loopback. The handlers run in-process (next-auth's credentials callback, the sign-up and
 * reset routes), so the figure is the server's own time, without the network's noise on top.
 *
 *   npx tsx bench/account-enumeration.ts [--rounds 40] [--only sign-in|sign-up|reset]
 *
 * Known and unknown attempts alternate in one run (which goes first alternates too), each address is tried once per
 * action (an unknown one is fresh every time: a sign-up gives it an account), and the mail an attempt sends after
 * answering is waited for before the next one. Each action prints the median for known and for unknown addresses, and their ratio: the unknown
 * addresses are the reference, and a ratio near 1.00 is what hides which addresses have accounts.
 */
import { parseArgs } from "node:util";
import { startSmtpServer } from "@/testing/mail/smtp-server";
import { signInWithPassword } from "@/testing/platform/sign-in";
import { createUser } from "@/testing/platform/fixtures";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { POST as requestReset } from "@/app/api/account/password-reset/route";
import { POST as signUp } from "@/app/api/users/route";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "40" }, only: { type: "string" } } });
const rounds = Number(values.rounds);

const smtp = await startSmtpServer();
// Every attempt comes from one address here: scale the limits so that none is refused.
const ctx = await startRouteTest({ SMTP_URL: smtp.url, HELDOUT_RATE_LIMIT_FACTOR: "10000" });

let fresh = 0;
const unknownEmail = () => `nobody-${process.pid}-${++fresh}@example.org`;
const known = await Promise.all(Array.from({ length: rounds }, () => createUser(ctx.db)));

const post = (handler: (req: Request) => Promise<Response>, body: unknown) =>
  handler(
    new Request("http://localhost:3000/api", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.7" },
    }),
  );

type Attempt = (email: string) => Promise<unknown>;
/** Each action (sign-in with a wrong password) with the mails a known and an unknown address make it send (waited for after the timing). */
const actions: [string, Attempt, { known: number; unknown: number }][] = [
  [
    "sign-in",
    (email) =>
      signInWithPassword({
        email,
        password: "not the password at all",
        headers: { "x-forwarded-for": "198.51.100.7" },
      }),
    { known: 0, unknown: 0 },
  ],
  ["sign-up", (email) => post(signUp, { email, password: "a long enough passphrase" }), { known: 1, unknown: 1 }],
  ["reset", (email) => post(requestReset, { email }), { known: 1, unknown: 0 }],
];

let mailsDue = 0;
/** Waits for the mail an attempt sends after answering, so its sending does not slow the next attempt. */
async function settle(mails: number): Promise<void> {
  mailsDue += mails;
  while (smtp.received.length < mailsDue) await new Promise((resolve) => setTimeout(resolve, 2));
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * The median of the paired differences (each pair ran back to back, so under the same load) with its distribution-free
 * 95% interval (order statistics of the sign test): an interval holding 0 means the two kinds cannot be told apart.
 */
function pairedDifference(a: number[], b: number[]): [number, number, number] {
  const diffs = a.map((x, i) => x - b[i]!).sort((x, y) => x - y);
  const k = Math.max(0, Math.floor(diffs.length / 2 - (1.96 * Math.sqrt(diffs.length)) / 2));
  return [median(diffs), diffs[k]!, diffs[diffs.length - 1 - k]!];
}

async function timed(attempt: Attempt, email: string, mails: number): Promise<number> {
  const started = performance.now();
  await attempt(email);
  const elapsed = performance.now() - started;
  await settle(mails);
  return elapsed;
}

console.log(`${rounds} attempts per kind and action, alternating known and unknown addresses`);
try {
  for (const [name, attempt, mails] of actions.filter(([name]) => !values.only || name === values.only)) {
    // One warm-up of each kind: the first scrypt and the first SMTP connection are not what is measured.
    await timed(attempt, known[0]!.email, mails.known);
    await timed(attempt, unknownEmail(), mails.unknown);
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      // Which kind goes first alternates, so neither always runs in the other's wake.
      const pair = [
        async () => times.known.push(await timed(attempt, known[i]!.email, mails.known)),
        async () => times.unknown.push(await timed(attempt, unknownEmail(), mails.unknown)),
      ];
      for (const run of i % 2 ? pair.reverse() : pair) await run();
    }
    const [k, u] = [median(times.known), median(times.unknown)];
    const [d, low, high] = pairedDifference(times.known, times.unknown);
    console.log(
      `${name.padEnd(8)} known ${k.toFixed(2).padStart(8)} ms   unknown (reference) ${u.toFixed(2).padStart(8)} ms   ratio ${(k / u).toFixed(3)}   ` +
        `paired known − unknown ${d.toFixed(2)} ms (95% CI ${low.toFixed(2)} … ${high.toFixed(2)})`,
    );
  }
} finally {
  await ctx.close();
  await smtp.close();
}
