import type { Db } from "@/db/client";
import { organizesBenchmark } from "@/db/queries/benchmark-organizers";
import type { User } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";

/** Admins organize every benchmark; anyone else only those they created (owners) or were added to (co-organizers). */
export async function canOrganizeBenchmark(
  db: Db,
  user: Pick<User, "id" | "role">,
  benchmarkId: string,
): Promise<boolean> {
  return user.role === "admin" || organizesBenchmark(db, { benchmarkId, userId: user.id });
}

/** A 403 unless the user organizes this benchmark (the global organizer role alone is not enough). */
export async function assertOrganizesBenchmark(
  db: Db,
  user: Pick<User, "id" | "role">,
  benchmark: { id: string; slug: string },
): Promise<void> {
  if (!(await canOrganizeBenchmark(db, user, benchmark.id))) {
    throw new AppError("forbidden", `Only the organizers of '${benchmark.slug}' and admins can do this.`, 403);
  }
}

/** Owners (the creator) and admins manage who co-organizes; co-organizers cannot add or remove others. */
export function assertOwnsBenchmark(
  user: Pick<User, "id" | "role">,
  benchmark: { slug: string; createdBy: string | null },
): void {
  if (user.role !== "admin" && benchmark.createdBy !== user.id) {
    throw new AppError("forbidden", `Only the owner of '${benchmark.slug}' and admins can change its organizers.`, 403);
  }
}
