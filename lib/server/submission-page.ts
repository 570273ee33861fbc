import type { User } from "@/db/queries/users";
import { trackDefinitions } from "@/evaluator/tracks/definitions";
import { viewerMayCancel } from "@/lib/submissions/cancel";
import { loadSubmissionPlots } from "./atari-plots";
import { getDatabase } from "./context";
import { findSubmissionView } from "./submission-view";

/**
 * A submission's page as the viewer may see it (hidden → 404): the submission, its track's metric columns, whether
 * it is finished (no more live updates), whether this viewer may cancel it, and an Atari entry's plots.
 */
export async function loadSubmissionPage(input: { id: string; viewer: User | undefined }) {
  const submission = await findSubmissionView(input);
  const columns = trackDefinitions[submission.benchmark.track as keyof typeof trackDefinitions]?.metrics ?? [];
  const finished =
    submission.status === "scored" || submission.status === "failed" || submission.status === "cancelled";
  const [canCancel, atariPlots] = await Promise.all([
    finished ? false : viewerMayCancel(getDatabase().db, submission.id, input.viewer),
    submission.benchmark.track === "atari"
      ? loadSubmissionPlots({
          submissionId: submission.id,
          partitions: submission.privateRevealed ? ["public", "private"] : ["public"],
          games: submission.atariGames,
        })
      : undefined,
  ]);
  return { submission, columns, finished, canCancel, atariPlots };
}
