import { z } from "zod";
import {
  addBenchmarkInvites,
  listBenchmarkInvites,
  removeBenchmarkInvites,
  setBenchmarkVisibility,
} from "@/db/queries/benchmark-invites";
import { AppError } from "@/lib/core/errors";
import { getDatabase } from "./context";
import { requireBenchmark } from "./require-benchmark";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: (issue) => `'${String(issue.input)}' is not an email address` }));

/** An organizer's change to who may see an invite-only benchmark: emails added and removed, and its visibility. */
export const inviteListChangeSchema = z
  .object({
    add: z.array(email).max(500, "Add at most 500 emails at once.").default([]),
    remove: z.array(email).max(500, "Remove at most 500 emails at once.").default([]),
    visibility: z.enum(["public", "invite"], { error: "visibility is 'public' or 'invite'" }).optional(),
  })
  .strict();
export type InviteListChange = z.infer<typeof inviteListChangeSchema>;

/** The visibility and invite list of a benchmark (organizers). */
export async function loadInviteList(slug: string) {
  const benchmark = await requireBenchmark(slug);
  const invites = await listBenchmarkInvites(getDatabase().db, benchmark.id);
  return {
    visibility: benchmark.visibility,
    invites: invites.map((i) => ({ email: i.email, invitedAt: i.createdAt })),
  };
}

/** Applies an organizer's change and returns the list as it now stands, with what actually changed. */
export async function changeInviteList(input: { slug: string; change: InviteListChange; organizerId: string }) {
  const { db } = getDatabase();
  const benchmark = await requireBenchmark(input.slug);
  const both = input.change.add.filter((e) => input.change.remove.includes(e));
  if (both.length > 0) throw new AppError("invalid_request", `Both added and removed: ${both.join(", ")}.`, 400);
  const added = await addBenchmarkInvites(db, {
    benchmarkId: benchmark.id,
    emails: [...new Set(input.change.add)],
    invitedBy: input.organizerId,
  });
  const removed = await removeBenchmarkInvites(db, {
    benchmarkId: benchmark.id,
    emails: [...new Set(input.change.remove)],
  });
  if (input.change.visibility)
    await setBenchmarkVisibility(db, { benchmarkId: benchmark.id, visibility: input.change.visibility });
  return { ...(await loadInviteList(input.slug)), added, removed };
}
