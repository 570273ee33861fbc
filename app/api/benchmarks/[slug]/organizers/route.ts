import { z } from "zod";
import { requireRequestUser } from "@/lib/http/auth";
import { readJson } from "@/lib/http/body";
import { route } from "@/lib/http/route";
import { addBenchmarkCoOrganizer, removeBenchmarkCoOrganizer, requireOwnedBenchmark } from "@/lib/server/co-organizers";

const bodySchema = z.object({ email: z.string().trim().email("enter a valid email address").max(254) }).strict();

/** The owner (or an admin) adds a co-organizer by email; they then manage the benchmark as the owner does. */
export const POST = route<{ slug: string }>(async (req, { slug }) => {
  const owner = await requireRequestUser(req);
  const benchmark = await requireOwnedBenchmark(owner, slug);
  const { email } = await readJson(req, bodySchema);
  return Response.json(await addBenchmarkCoOrganizer({ owner, benchmark, email }), { status: 201 });
});

/** The owner (or an admin) removes a co-organizer. */
export const DELETE = route<{ slug: string }>(async (req, { slug }) => {
  const benchmark = await requireOwnedBenchmark(await requireRequestUser(req), slug);
  const { email } = await readJson(req, bodySchema);
  await removeBenchmarkCoOrganizer({ benchmark, email });
  return new Response(null, { status: 204 });
});
