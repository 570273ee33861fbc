import { z } from "zod";
import { updatePhase } from "@/db/queries/benchmarks";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { listPhases } from "@/db/queries/views";
import { AppError } from "@/lib/core/errors";
import { nameText } from "@/lib/core/user-text";
import { getDatabase } from "./context";

/** A whole-number limit from 1 to `max`; null lifts it. */
const limit = (max: number, unit: string) =>
  z
    .number({ error: `a whole number of ${unit}, or null for no limit` })
    .int(`a whole number of ${unit}`)
    .min(1, `at least 1 (leave it empty for no limit)`)
    .max(max, `at most ${max.toLocaleString("en")}`)
    .nullable()
    .optional();

const instant = (what: string) => z.coerce.date({ error: `${what} must be a date and time (ISO 8601)` });

/** What an organizer may change on a phase. Absent keys stay as they are; null clears (open-ended, unlimited, sealed). */
export const phasePatchSchema = z
  .object({
    name: nameText({ max: 100, tooShort: "a phase needs a name" }).optional(),
    opensAt: instant("opensAt").optional(),
    closesAt: instant("closesAt").nullable().optional(),
    quotaPerDay: limit(100_000, "submissions per 24 hours"),
    quotaTotal: limit(1_000_000, "submissions"),
    quotaConcurrent: limit(1_000, "submissions queued or running at once"),
    teamSizeLimit: limit(1_000, "members"),
    userFailuresPerDay: limit(100_000, "failed submissions per 24 hours"),
    finalSelectionLimit: limit(100, "entries a team may choose"),
    frozenAt: instant("frozenAt").nullable().optional(),
    revealAt: instant("revealAt").nullable().optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), {
    error: "Give at least one field to change: name, opensAt, closesAt, a quota or limit, frozenAt or revealAt.",
  });
export type PhasePatch = z.infer<typeof phasePatchSchema>;

/**
 * Applies an organizer's change to one phase of the benchmark named by slug; refuses a window that ends before it
 * starts and a freeze outside the window.
 */
export async function editPhase(input: { benchmarkSlug: string; phaseId: string; patch: PhasePatch }) {
  const { db } = getDatabase();
  const found = await findBenchmarkBySlug(db, input.benchmarkSlug);
  const current = found && (await listPhases(db, found.benchmark.id)).find((p) => p.id === input.phaseId);
  if (!current)
    throw new AppError("phase_not_found", `Benchmark '${input.benchmarkSlug}' has no phase ${input.phaseId}.`, 404);
  const next = { ...current, ...input.patch };
  if (next.closesAt && next.closesAt <= next.opensAt)
    throw new AppError("invalid_phase", "The phase must close after it opens.", 400);
  if (next.frozenAt && next.frozenAt <= next.opensAt) {
    throw new AppError("invalid_phase", "frozenAt: the leaderboard can only freeze after the phase opens.", 400);
  }
  if (next.frozenAt && next.closesAt && next.frozenAt > next.closesAt) {
    throw new AppError(
      "invalid_phase",
      "frozenAt: the leaderboard must freeze before the phase closes (or leave it empty).",
      400,
    );
  }
  const updated = await updatePhase(db, input.phaseId, input.patch);
  if (!updated)
    throw new AppError("phase_not_found", `Benchmark '${input.benchmarkSlug}' has no phase ${input.phaseId}.`, 404);
  return updated;
}
