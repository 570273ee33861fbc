import crypto from "node:crypto";
import { promisify } from "node:util";
import { AppError } from "@/lib/core/errors";

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/** scrypt parameters: N=2^15, r=8 → 32 MiB of memory per hash, memory-hard by design. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;
const MAXMEM = 64 * 1024 * 1024;

export const PASSWORD_MIN_LENGTH = 10;

/** Refuses a password too short to keep. */
export function assertPasswordStrength(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new AppError("weak_password", `Password must be at least ${PASSWORD_MIN_LENGTH} characters.`);
  }
}

/**
 * At most this many hashes run at once: each takes 32 MiB and a libuv thread, so a burst of sign-ins
 * queues here instead of exhausting memory and starving file and DNS work of threads.
 */
export const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    // The slot passes straight to the next waiter, so `running` never dips below the queue's need.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

/** Hashes currently running (for tests and health figures). */
export function hashesRunning(): number {
  return running;
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await limited(() =>
    scrypt(password, salt, PARAMS.keylen, { N: PARAMS.N, r: PARAMS.r, p: PARAMS.p, maxmem: MAXMEM }),
  );
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

/** Constant-time check of a password against a stored hash. False for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const actual = await limited(() =>
    scrypt(password, Buffer.from(salt, "base64url"), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAXMEM,
    }),
  );
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password for an email that has no account (or no password) at the cost of a real check, so that the
 * time a sign-in takes does not tell whether the address has an account. Always false.
 */
export async function verifyAgainstDummyHash(password: string): Promise<false> {
  dummyHash ??= hashPassword("no account has this password");
  await verifyPassword(password, await dummyHash);
  return false;
}
