import { z } from "zod";
import { findBenchmarkBySlug, updatePhase } from "@/db/queries/benchmarks";
import { listPhases } from "@/db/queries/views";
import { AppError } from "@/lib/errors";
import { getDatabase } from "./context";

/** What an organizer may change on a phase. Absent keys stay as they are; null clears (open-ended, unlimited, sealed). */
export const phasePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    opensAt: z.coerce.date().optional(),
    closesAt: z.coerce.date().nullable().optional(),
    quotaPerDay: z.number().int().min(1).max(100_000).nullable().optional(),
    quotaTotal: z.number().int().min(1).max(1_000_000).nullable().optional(),
    revealAt: z.coerce.date().nullable().optional(),
  })
  .strict();
export type PhasePatch = z.infer<typeof phasePatchSchema>;

/** Applies an organizer's change to one phase of the benchmark named by slug; refuses a window that ends before it starts. */
export async function editPhase(input: { benchmarkSlug: string; phaseId: string; patch: PhasePatch }) {
  const { db } = getDatabase();
  const found = await findBenchmarkBySlug(db, input.benchmarkSlug);
  const current = found && (await listPhases(db, found.benchmark.id)).find((p) => p.id === input.phaseId);
  if (!current) throw new AppError("phase_not_found", `Benchmark '${input.benchmarkSlug}' has no phase ${input.phaseId}.`, 404);
  const next = { ...current, ...input.patch };
  if (next.closesAt && next.closesAt <= next.opensAt) throw new AppError("invalid_phase", "The phase must close after it opens.", 400);
  const updated = await updatePhase(db, input.phaseId, input.patch);
  if (!updated) throw new AppError("phase_not_found", `Benchmark '${input.benchmarkSlug}' has no phase ${input.phaseId}.`, 404);
  return updated;
}
