import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { displayText } from "@/lib/core/untrusted-text";

/**
 * The identifiers routes take from paths and query strings, checked before any query: a malformed one is a 400
 * (or, for a benchmark's slug, a 404) with a message, never a database error.
 */

/** Every row id is a UUID (crypto.randomUUID). */
export const idSchema = z.uuid({ error: "not a valid id (ids are UUIDs)" });

/** Benchmark slugs: letters, digits, '-', '_' and '.', at most 100 characters. */
export const slugSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "not a benchmark slug");

/** A bad value quoted in a message: short and harmless to show. */
export function quoteValue(value: string): string {
  return `'${displayText(value, 80)}'`;
}

/** What each id parameter names, for its 404 ("phase_not_found"); a route's `[id]` says it itself. */
const ID_PARAMS: Record<string, string> = { id: "item", phaseId: "phase", teamId: "team", userId: "user" };

/**
 * Checks a route's path parameters by name (the names are the folder names under app/api): `slug` is a benchmark's,
 * `id`, `phaseId`, `teamId` and `userId` are row ids. A malformed one names nothing that exists: the 404 the handler
 * would give, without asking the database. Other names are left to the handler.
 */
export function checkPathParams(
  params: Record<string, unknown>,
  resources: Record<string, string | undefined> = {},
): void {
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== "string") continue;
    if (name === "slug" && !slugSchema.safeParse(value).success) {
      throw new AppError("benchmark_not_found", `No benchmark named ${quoteValue(value)}.`, 404);
    }
    const resource = resources[name] ?? ID_PARAMS[name];
    if (resource && !idSchema.safeParse(value).success) {
      throw new AppError(`${resource}_not_found`, `No ${resource} ${quoteValue(value)} (ids are UUIDs).`, 404);
    }
  }
}
