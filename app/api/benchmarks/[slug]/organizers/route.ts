import { z } from "zod";
import { addCoOrganizer, removeCoOrganizer } from "@/db/queries/benchmark-organizers";
import { findUserByEmail } from "@/db/queries/users";
import { assertOwnsBenchmark } from "@/lib/auth/benchmark-rights";
import { AppError } from "@/lib/errors";
import { requireRequestUser } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { getDatabase } from "@/lib/server/context";
import { requireBenchmark } from "@/lib/server/require-benchmark";

const bodySchema = z.object({ email: z.string().trim().email("enter a valid email address").max(254) }).strict();

async function ownerAndCoOrganizer(req: Request, slug: string) {
  const owner = await requireRequestUser(req);
  const benchmark = await requireBenchmark(slug);
  assertOwnsBenchmark(owner, benchmark);
  const { email } = await readJson(req, bodySchema);
  const user = await findUserByEmail(getDatabase().db, email);
  if (!user) throw new AppError("user_not_found", `No account with the email ${email}: they must sign up first.`, 404);
  return { owner, benchmark, user };
}

/** The owner (or an admin) adds a co-organizer by email; they then manage the benchmark as the owner does. */
export const POST = route<{ slug: string }>(async (req, { slug }) => {
  const { owner, benchmark, user } = await ownerAndCoOrganizer(req, slug);
  await addCoOrganizer(getDatabase().db, { benchmarkId: benchmark.id, userId: user.id, addedBy: owner.id });
  return Response.json({ added: user.email }, { status: 201 });
});

/** The owner (or an admin) removes a co-organizer. */
export const DELETE = route<{ slug: string }>(async (req, { slug }) => {
  const { benchmark, user } = await ownerAndCoOrganizer(req, slug);
  if (!(await removeCoOrganizer(getDatabase().db, { benchmarkId: benchmark.id, userId: user.id }))) {
    throw new AppError("not_an_organizer", `${user.email} is not a co-organizer of '${benchmark.slug}'.`, 404);
  }
  return new Response(null, { status: 204 });
});
