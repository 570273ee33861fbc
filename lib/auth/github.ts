import type { OAuthConfig } from "next-auth/providers/oauth";
import gitHubProvider, { type GithubProfile } from "next-auth/providers/github";
import { z } from "zod";
import type { Db } from "@/db/client";
import { markEmailVerified } from "@/db/queries/email-tokens";
import { normalizeEmail } from "@/db/queries/users";
import type { Config } from "@/lib/config";
import { defaultExport } from "./default-export";

const GitHubProvider = defaultExport(gitHubProvider);

/** One address of GitHub's `GET /user/emails` answer; anything that does not parse counts as no address. */
const gitHubEmailsSchema = z.array(
  z.object({ email: z.string().email(), primary: z.boolean(), verified: z.boolean() }),
);

/**
 * The address a GitHub account signs in with, and whether GitHub has verified it: the primary address if verified,
 * else the first verified one, else the primary (or first) unverified. `fallback` (the public profile's address,
 * when the address list could not be read) is never taken as verified: only the list says so.
 */
export function chooseGitHubEmail(
  emails: unknown,
  fallback: string | null | undefined,
): { email: string; verified: boolean } | undefined {
  const parsed = gitHubEmailsSchema.safeParse(emails);
  const list = parsed.success ? parsed.data : [];
  const chosen =
    list.find((e) => e.primary && e.verified) ?? list.find((e) => e.verified) ?? list.find((e) => e.primary) ?? list[0];
  if (chosen) return { email: normalizeEmail(chosen.email), verified: chosen.verified };
  return fallback ? { email: normalizeEmail(fallback), verified: false } : undefined;
}

/** GitHub's profile with the address chosen from its address list, and whether GitHub verified it. */
export type GitHubSignInProfile = GithubProfile & { email_verified: boolean };

/**
 * next-auth's GitHub provider with its endpoints under `github.url` and `github.apiUrl` (github.com, or a GitHub
 * Enterprise Server), reading the address list even when the profile shows a public address: only the list says
 * whether an address is verified.
 */
export function gitHubSignIn(github: NonNullable<Config["github"]>): OAuthConfig<GitHubSignInProfile> {
  return GitHubProvider({
    clientId: github.id,
    clientSecret: github.secret,
    issuer: `${github.url}/login/oauth`,
    authorization: { url: `${github.url}/login/oauth/authorize`, params: { scope: "read:user user:email" } },
    token: `${github.url}/login/oauth/access_token`,
    userinfo: {
      url: `${github.apiUrl}/user`,
      async request({ client, tokens }) {
        const profile = (await client.userinfo(tokens.access_token!)) as unknown as GithubProfile;
        const response = await fetch(`${github.apiUrl}/user/emails`, {
          headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: "application/vnd.github+json" },
        });
        const chosen = chooseGitHubEmail(response.ok ? await response.json() : [], profile.email);
        return {
          ...profile,
          name: profile.name ?? undefined,
          email: chosen?.email,
          email_verified: chosen?.verified ?? false,
        };
      },
    },
  }) as unknown as OAuthConfig<GitHubSignInProfile>;
}

/**
 * After a GitHub sign-in: the account counts as verified when GitHub verified the very address the account has (a
 * returning account whose address GitHub has verified since becomes verified too). Returns whether it was marked.
 */
export async function recordGitHubVerification(
  db: Db,
  input: { userId: string; profile: unknown; now: Date },
): Promise<boolean> {
  const profile = z.object({ email: z.string(), email_verified: z.literal(true) }).safeParse(input.profile);
  if (!profile.success) return false;
  return markEmailVerified(db, { userId: input.userId, email: normalizeEmail(profile.data.email), now: input.now });
}
