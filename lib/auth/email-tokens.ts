import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { insertEmailToken, useEmailToken, type EmailTokenPurpose } from "@/db/queries/email-tokens";
import { getConfig } from "@/lib/config";

/** How long a link in an email works. */
export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = { verify_email: 48 * 3600 * 1000, reset_password: 3600 * 1000 };

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** A new single-use token for a link; only its hash is stored. */
export async function issueEmailToken(db: Db, input: { userId: string; email: string; purpose: EmailTokenPurpose; now: Date }): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await insertEmailToken(db, { tokenHash: hash(token), userId: input.userId, email: input.email, purpose: input.purpose, expiresAt: new Date(input.now.getTime() + EMAIL_TOKEN_TTL_MS[input.purpose]) });
  return token;
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
