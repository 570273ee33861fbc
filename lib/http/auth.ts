import { findUserByApiToken } from "@/lib/auth/api-tokens";
import { findUserById, type Role, type User } from "@/db/queries/users";
import { parseBearer } from "@/lib/auth/tokens";
import { AppError } from "@/lib/core/errors";
import { findSubmission } from "@/db/queries/submissions";
import { assertOrganizesBenchmark, canOrganizeBenchmark } from "@/lib/auth/benchmark-rights";
import { getDatabase } from "@/lib/server/context";
import { requireBenchmark } from "@/lib/server/require-benchmark";
import { cookiesFromHeader, readSessionUserId } from "./session";

/**
 * Who is asking: an `Authorization: Bearer` API token (the CLI) or the next-auth session cookie (the browser).
 * A bearer header that does not resolve is an error, never a fallback to the cookie.
 */
export async function findRequestUser(req: Request): Promise<User | undefined> {
  const { db } = getDatabase();
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const token = parseBearer(authorization);
    const user = token ? await findUserByApiToken(db, token) : undefined;
    if (!user)
      throw new AppError(
        "invalid_token",
        "The API token is invalid or has been revoked. Create a new one under Settings.",
        401,
      );
    return user;
  }
  const userId = await readSessionUserId(cookiesFromHeader(req.headers.get("cookie")));
  if (userId && !isSameOriginOrSafe(req)) {
    throw new AppError("cross_origin", "Cross-site requests cannot act with your session.", 403);
  }
  return userId ? findUserById(db, userId) : undefined;
}

/**
 * Cookie-authenticated writes must come from our own pages. next-auth's cookie is SameSite=Lax already;
 * this also covers same-site subdomains and older browsers. API tokens are not sent by browsers, so they are exempt.
 */
function isSameOriginOrSafe(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return true;
  const origin = req.headers.get("origin");
  if (!origin) return true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function requireRequestUser(req: Request): Promise<User> {
  const user = await findRequestUser(req);
  if (!user)
    throw new AppError("unauthenticated", "Sign in, or send an API token as `Authorization: Bearer <token>`.", 401);
  return user;
}

export const ORGANIZER_ROLES: readonly Role[] = ["organizer", "admin"];

export function isOrganizer(user: Pick<User, "role"> | undefined): boolean {
  return !!user && ORGANIZER_ROLES.includes(user.role);
}

/** Organizer-only actions: anonymous → 401, signed in without the role → 403. */
export async function requireOrganizer(req: Request): Promise<User> {
  const user = await requireRequestUser(req);
  if (!isOrganizer(user)) throw new AppError("forbidden", "Only organizers and admins can do this.", 403);
  return user;
}

/**
 * Routes that act on one benchmark: anonymous → 401, unknown benchmark → 404, signed in without rights on this
 * benchmark → 403. Returns the caller and the benchmark.
 */
export async function requireBenchmarkOrganizer(req: Request, slug: string) {
  const user = await requireRequestUser(req);
  const benchmark = await requireBenchmark(slug);
  await assertOrganizesBenchmark(getDatabase().db, user, benchmark);
  return { user, benchmark };
}

/** Routes that act on one entry: as requireBenchmarkOrganizer, for the benchmark the submission belongs to. */
export async function requireSubmissionOrganizer(req: Request, submissionId: string) {
  const user = await requireRequestUser(req);
  const { db } = getDatabase();
  const submission = await findSubmission(db, submissionId);
  if (!submission) throw new AppError("submission_not_found", `No submission ${submissionId}.`, 404);
  if (!(await canOrganizeBenchmark(db, user, submission.benchmarkId))) {
    throw new AppError("forbidden", "Only the organizers of this entry's benchmark and admins can do this.", 403);
  }
  return user;
}
