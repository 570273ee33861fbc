import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizedBy } from "@/db/queries/benchmark-organizers";
import { anyBenchmarkWhere } from "@/db/queries/benchmarks";
import type { User } from "@/db/queries/users";
import { benchmarks } from "@/db/schema";

/** Who is looking: a signed-in user (id and role) or nobody. */
export type Viewer = Pick<User, "id" | "role"> | undefined;

/** Organizers and admins see every benchmark and every hidden entry. */
export function isStaff(viewer: Viewer): boolean {
  return viewer?.role === "organizer" || viewer?.role === "admin";
}

/**
 * The one rule for who may see (and so enter) a benchmark, as a condition on `benchmarks`: public ones are open to
 * everybody; an invite-only one to organizers and admins, its owner and co-organizers (whatever their role), and
 * users whose email is on its invite list (compared case-insensitively; the list is stored lower-case). Everyone else
 * must find it indistinguishable from a benchmark that does not exist. The invite names an address, so it counts only
 * once the account has verified it.
 */
export function benchmarkVisibleTo(viewer: Viewer): SQL | undefined {
  if (isStaff(viewer)) return undefined;
  if (!viewer) return eq(benchmarks.visibility, "public");
  return or(
    eq(benchmarks.visibility, "public"),
    organizedBy(viewer.id),
    // Not correlated on purpose: an unqualified outer column inside the subquery would bind to its own tables.
    sql`${benchmarks.id} in (select bi.benchmark_id from benchmark_invites bi join users u on lower(u.email) = bi.email where u.id = ${viewer.id} and u.email_verified is not null)`,
  );
}

/** Whether the viewer may see the benchmark with this id (false for an unknown id). */
export async function canSeeBenchmark(db: Pick<Db, "select">, benchmarkId: string, viewer: Viewer): Promise<boolean> {
  return anyBenchmarkWhere(db, and(eq(benchmarks.id, benchmarkId), benchmarkVisibleTo(viewer)));
}
