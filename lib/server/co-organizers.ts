import { addCoOrganizer, removeCoOrganizer } from "@/db/queries/benchmark-organizers";
import { findUserByEmail, type User } from "@/db/queries/users";
import { assertOwnsBenchmark } from "@/lib/auth/benchmark-rights";
import { AppError } from "@/lib/core/errors";
import { getDatabase } from "./context";
import { requireBenchmark } from "./require-benchmark";

type Owner = Pick<User, "id" | "role">;
type OwnedBenchmark = Awaited<ReturnType<typeof requireBenchmark>>;

/** The benchmark named `slug`, if `owner` owns it (or is an admin): the check that comes before reading a change. */
export async function requireOwnedBenchmark(owner: Owner, slug: string): Promise<OwnedBenchmark> {
  const benchmark = await requireBenchmark(slug);
  assertOwnsBenchmark(owner, benchmark);
  return benchmark;
}

async function requireAccount(email: string) {
  const user = await findUserByEmail(getDatabase().db, email);
  if (!user) throw new AppError("user_not_found", `No account with the email ${email}: they must sign up first.`, 404);
  return user;
}

/** Adds a co-organizer by email; they then manage the benchmark as the owner does. */
export async function addBenchmarkCoOrganizer(input: { owner: Owner; benchmark: OwnedBenchmark; email: string }) {
  const user = await requireAccount(input.email);
  await addCoOrganizer(getDatabase().db, { benchmarkId: input.benchmark.id, userId: user.id, addedBy: input.owner.id });
  return { added: user.email };
}

/** Removes a co-organizer. */
export async function removeBenchmarkCoOrganizer(input: { benchmark: OwnedBenchmark; email: string }): Promise<void> {
  const user = await requireAccount(input.email);
  if (!(await removeCoOrganizer(getDatabase().db, { benchmarkId: input.benchmark.id, userId: user.id }))) {
    throw new AppError("not_an_organizer", `${user.email} is not a co-organizer of '${input.benchmark.slug}'.`, 404);
  }
}
