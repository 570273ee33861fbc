import crypto from "node:crypto";
import type { Db } from "@/db/client";
import {
  insertEmailToken,
  replaceEmailTokenForAddress,
  useEmailToken,
  type EmailTokenPurpose,
} from "@/db/queries/email-tokens";
import { normalizeEmail } from "@/db/queries/users";
import { getConfig } from "@/lib/config";

/** How long a link in an email works. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify_email: 48 * 3600 * 1000,
  reset_password: 3600 * 1000,
};

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** A fresh single-use token for a link: the token the link carries, and the hash and expiry that are stored. */
export function drawEmailToken(
  purpose: EmailTokenPurpose,
  now: Date,
): { token: string; tokenHash: string; expiresAt: Date } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hash(token), expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[purpose]) };
}

/** A new single-use token for a link; only its hash is stored. */
export async function issueEmailToken(
  db: Db,
  input: { userId: string; email: string; purpose: EmailTokenPurpose; now: Date },
): Promise<string> {
  const { token, tokenHash, expiresAt } = drawEmailToken(input.purpose, input.now);
  await insertEmailToken(db, {
    tokenHash,
    userId: input.userId,
    email: input.email,
    purpose: input.purpose,
    expiresAt,
  });
  return token;
}

/**
 * A new token for whichever account has this address, voiding its older ones of the purpose; undefined when none has
 * it. The token is drawn and the one query run either way, so the time taken does not tell the two apart.
 */
export async function replaceEmailTokenByAddress(
  db: Db,
  input: { email: string; purpose: EmailTokenPurpose; now: Date },
) {
  const { token, tokenHash, expiresAt } = drawEmailToken(input.purpose, input.now);
  const account = await replaceEmailTokenForAddress(db, {
    email: normalizeEmail(input.email),
    tokenHash,
    purpose: input.purpose,
    expiresAt,
    now: input.now,
  });
  return account && { ...account, token };
}

/** Spends a token: its user and address the first time, undefined when unknown, expired, used or for another purpose. */
export async function spendEmailToken(db: Db, input: { token: string; purpose: EmailTokenPurpose; now: Date }) {
  return useEmailToken(db, { tokenHash: hash(input.token), purpose: input.purpose, now: input.now });
}

/** An absolute link to a page of this site (the public URL when set, else where the site listens). */
export function siteLink(pathWithQuery: string): string {
  const config = getConfig();
  const base = config.siteUrl ?? `http://${config.hostname}:${config.port}`;
  return new URL(pathWithQuery, base).toString();
}
