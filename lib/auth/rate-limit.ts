import type { Db } from "@/db/client";
import { countAttempt } from "@/db/queries/rate-limits";
import { normalizeEmail } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";

type Limit = { attempts: number; windowMs: number };
const MINUTE = 60 * 1000;

/**
 * Attempts allowed per account (the email as typed, known or not, so the limit says nothing about existence) and per
 * client address. Every attempt counts, checked before any password is hashed, so guessing costs no scrypt time.
 */
export const RATE_LIMITS = {
  "sign-in": { account: { attempts: 10, windowMs: 15 * MINUTE }, client: { attempts: 50, windowMs: 15 * MINUTE } },
  "sign-up": { account: { attempts: 3, windowMs: 60 * MINUTE }, client: { attempts: 10, windowMs: 60 * MINUTE } },
  "password-reset": {
    account: { attempts: 3, windowMs: 60 * MINUTE },
    client: { attempts: 10, windowMs: 60 * MINUTE },
  },
} satisfies Record<string, { account: Limit; client: Limit }>;

export type RateLimitedAction = keyof typeof RATE_LIMITS;

/**
 * The client's address as the nearest proxy saw it: the last X-Forwarded-For entry (the one our proxy appended;
 * earlier ones are whatever the client claimed), else X-Real-IP. The site listens on loopback behind that proxy.
 */
export function clientAddress(headers: { get: (name: string) => string | null }): string {
  const forwarded = headers
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return forwarded?.at(-1) ?? headers.get("x-real-ip")?.trim() ?? "unknown";
}

async function check(db: Db, key: string, limit: Limit, now: Date, factor: number): Promise<void> {
  const { windowStart, count } = await countAttempt(db, { key, now, windowMs: limit.windowMs });
  if (count > limit.attempts * factor) {
    const seconds = Math.max(1, Math.ceil((windowStart.getTime() + limit.windowMs - now.getTime()) / 1000));
    throw new AppError("rate_limited", `Too many attempts. Try again in ${seconds} s.`, 429);
  }
}

/**
 * Counts an attempt for the account and for the client address; a 429 "try again in N s" past either limit.
 * `factor` scales every limit (the configured HELDOUT_RATE_LIMIT_FACTOR, which the route passes).
 */
export async function limitAttempt(
  db: Db,
  input: { action: RateLimitedAction; email: string; client: string; now: Date; factor: number },
): Promise<void> {
  const limits = RATE_LIMITS[input.action];
  await check(db, `${input.action}:account:${normalizeEmail(input.email)}`, limits.account, input.now, input.factor);
  await check(db, `${input.action}:client:${input.client}`, limits.client, input.now, input.factor);
}
