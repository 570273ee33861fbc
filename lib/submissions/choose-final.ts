import { z } from "zod";
import type { Db } from "@/db/client";
import {
  countChosenForFinal,
  findSubmission,
  isTeamMember,
  lockPhase,
  setChosenForFinal,
  type Submission,
} from "@/db/queries/submissions";
import { AppError } from "../core/errors";
import { publishEvent } from "../events";
import { formatUtc } from "./format-time";

export const finalChoiceSchema = z
  .object({ selected: z.boolean({ error: "selected is true (choose) or false (unchoose)" }) })
  .strict();

/** Whether `userId` speaks for an entry's entrant: its submitter, or a member of the team it was made for. */
export async function speaksForEntrant(
  db: Db,
  submission: Pick<Submission, "userId" | "teamId">,
  userId: string,
): Promise<boolean> {
  if (submission.teamId) return isTeamMember(db, submission.teamId, userId);
  return submission.userId === userId;
}

/**
 * A team (or solo competitor) chooses an entry for the final ranking, or takes the choice back, in a phase whose
 * final-selection rule lets teams choose up to N entries. Under the phase's lock, so two choices made at once cannot
 * both take the last slot. Refused: another entrant's entry, a baseline, a failed entry, a phase without the rule,
 * a closed phase, and more than N.
 */
export async function chooseForFinal(input: { db: Db; user: { id: string }; submissionId: string; selected: boolean }) {
  const { db } = input;
  const submission = await findSubmission(db, input.submissionId);
  if (!submission) throw new AppError("submission_not_found", `No submission ${input.submissionId}.`, 404);
  if (!(await speaksForEntrant(db, submission, input.user.id))) {
    throw new AppError(
      "not_your_entry",
      "Only the submitter of an entry, or a member of its team, can choose it for the final ranking.",
      403,
    );
  }
  if (submission.isBaseline)
    throw new AppError("baseline_not_choosable", "Baselines are not ranked in the final ranking.", 400);
  if (input.selected && (submission.status === "failed" || submission.status === "cancelled")) {
    throw new AppError(
      "entry_not_choosable",
      `This entry ${submission.status === "failed" ? "failed" : "was cancelled"}; only entries that are scored or still running can be chosen.`,
      400,
    );
  }
  return db.transaction(async (tx) => {
    const phase = await lockPhase(tx, submission.phaseId);
    if (!phase) throw new AppError("phase_missing", "This entry's phase no longer exists.", 404);
    const limit = phase.finalSelectionLimit;
    if (limit === null) {
      throw new AppError(
        "selection_not_used",
        `The '${phase.name}' phase ranks each team's best public entry; there is nothing to choose.`,
        400,
      );
    }
    if (phase.closesAt && phase.closesAt <= new Date()) {
      throw new AppError(
        "selection_closed",
        `The '${phase.name}' phase closed at ${formatUtc(phase.closesAt)}; final choices can no longer change.`,
        403,
      );
    }
    const owner = { phaseId: phase.id, teamId: submission.teamId, userId: submission.userId };
    const chosen = await countChosenForFinal(tx, owner);
    if (input.selected && !submission.selectedForFinal && chosen >= limit) {
      const who = submission.teamId ? "Your team has" : "You have";
      throw new AppError(
        "selection_limit",
        `${who} already chosen ${chosen} of ${limit} entries for the final ranking of the '${phase.name}' phase; unchoose one first.`,
        409,
      );
    }
    if (input.selected !== submission.selectedForFinal) {
      await setChosenForFinal(tx, { submissionId: submission.id, selected: input.selected });
      // Cached leaderboards of the benchmark drop their rows on submission events.
      await publishEvent(tx, {
        type: "submission",
        submissionId: submission.id,
        benchmarkId: submission.benchmarkId,
        status: submission.status,
      });
    }
    return { selected: input.selected, chosen: await countChosenForFinal(tx, owner), limit };
  });
}
