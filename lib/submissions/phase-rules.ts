import type { Db } from "@/db/client";
import type { Phase } from "@/db/queries/benchmarks";
import { countQuotaUse, describeTeam } from "@/db/queries/submissions";
import { AppError } from "../core/errors";
import { formatUtc, formatUtcTime } from "./format-time";

const DAY_MS = 24 * 3600 * 1000;

type Runner = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** Refuses a submission outside the phase's window. */
export function assertPhaseOpen(phase: Phase, benchmarkSlug: string, now: Date): void {
  if (phase.opensAt > now) {
    throw new AppError("phase_not_open", `Submissions to '${benchmarkSlug}' open at ${formatUtc(phase.opensAt)}.`, 403);
  }
  if (phase.closesAt && phase.closesAt <= now) {
    throw new AppError(
      "phase_closed",
      `The '${phase.name}' phase of '${benchmarkSlug}' closed at ${formatUtc(phase.closesAt)}.`,
      403,
    );
  }
}

/**
 * Refuses a competitor's submission the phase's limits do not allow now: a team larger than it allows, or a quota
 * reached (in total, per 24 h, at once, or too many failures of the submitted code per 24 h). Run under the phase's
 * lock (lockPhase) so two uploads cannot both take the last slot. Platform failures, baselines and re-evaluations
 * never count (countQuotaUse).
 */
export async function assertQuotaAllows(
  tx: Runner,
  input: { phase: Phase; userId: string; teamId: string | null; now: Date },
): Promise<void> {
  const { phase, now, teamId } = input;
  if (teamId && phase.teamSizeLimit !== null) {
    const team = await describeTeam(tx, teamId);
    if (team && team.members > phase.teamSizeLimit) {
      throw new AppError(
        "team_too_large",
        `Team '${team.name}' has ${team.members} members; the '${phase.name}' phase allows teams of at most ${phase.teamSizeLimit}.`,
        403,
      );
    }
  }
  const use = await countQuotaUse(tx, {
    phaseId: phase.id,
    teamId,
    userId: input.userId,
    since: new Date(now.getTime() - DAY_MS),
  });
  const who = teamId ? "your team's" : "your";
  const nextSlot = (oldest: Date | null) =>
    oldest ? `; next slot at ${formatUtcTime(new Date(oldest.getTime() + DAY_MS))}` : "";
  if (phase.quotaTotal !== null && use.total >= phase.quotaTotal) {
    throw new AppError(
      "quota_total",
      `Total quota reached: ${use.total} of ${phase.quotaTotal} submissions in the '${phase.name}' phase (${who} count).`,
      429,
    );
  }
  if (phase.quotaPerDay !== null && use.inWindow >= phase.quotaPerDay) {
    throw new AppError(
      "quota_daily",
      `Daily quota reached: ${use.inWindow} of ${phase.quotaPerDay} submissions in the last 24 hours${nextSlot(use.oldestInWindow)}.`,
      429,
    );
  }
  if (phase.quotaConcurrent !== null && use.inFlight >= phase.quotaConcurrent) {
    throw new AppError(
      "quota_concurrent",
      `Concurrent quota reached: ${use.inFlight} of ${phase.quotaConcurrent} submissions queued or running (${who} count); submit again when one has finished.`,
      429,
    );
  }
  if (phase.userFailuresPerDay !== null && use.userFailuresInWindow >= phase.userFailuresPerDay) {
    throw new AppError(
      "user_failures_cap",
      `Failure cap reached: ${use.userFailuresInWindow} of ${phase.userFailuresPerDay} submissions failed by their own code in the last 24 hours (${who} count)${nextSlot(use.oldestUserFailure)}. Their pages show why.`,
      429,
    );
  }
}
