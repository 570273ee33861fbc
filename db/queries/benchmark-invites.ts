import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { benchmarkInvites, benchmarks } from "../schema";

export type BenchmarkInvite = typeof benchmarkInvites.$inferSelect;

/** A benchmark's invite list, alphabetical. */
export async function listBenchmarkInvites(db: Db, benchmarkId: string): Promise<BenchmarkInvite[]> {
  return db
    .select()
    .from(benchmarkInvites)
    .where(eq(benchmarkInvites.benchmarkId, benchmarkId))
    .orderBy(asc(benchmarkInvites.email));
}

/** Adds lower-cased emails to the list; those already on it stay as they were. Returns the emails newly added. */
export async function addBenchmarkInvites(
  db: Db,
  input: { benchmarkId: string; emails: string[]; invitedBy: string },
): Promise<string[]> {
  if (input.emails.length === 0) return [];
  const rows = await db
    .insert(benchmarkInvites)
    .values(input.emails.map((email) => ({ benchmarkId: input.benchmarkId, email, invitedBy: input.invitedBy })))
    .onConflictDoNothing()
    .returning({ email: benchmarkInvites.email });
  return rows.map((r) => r.email);
}

/** Removes emails from the list. Returns those that were on it. */
export async function removeBenchmarkInvites(
  db: Db,
  input: { benchmarkId: string; emails: string[] },
): Promise<string[]> {
  if (input.emails.length === 0) return [];
  const rows = await db
    .delete(benchmarkInvites)
    .where(and(eq(benchmarkInvites.benchmarkId, input.benchmarkId), inArray(benchmarkInvites.email, input.emails)))
    .returning({ email: benchmarkInvites.email });
  return rows.map((r) => r.email);
}

/** Makes a benchmark invite-only or public again. */
export async function setBenchmarkVisibility(
  db: Db,
  input: { benchmarkId: string; visibility: "public" | "invite" },
): Promise<void> {
  await db.update(benchmarks).set({ visibility: input.visibility }).where(eq(benchmarks.id, input.benchmarkId));
}
