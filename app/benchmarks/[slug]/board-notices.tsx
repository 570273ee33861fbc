import type { PhaseView } from "@/lib/server/benchmark-view";
import { formatDate } from "../../_components/format";

export function FrozenNotice({ phase }: { phase: PhaseView | undefined }) {
  if (!phase?.publicCutoff) return null;
  return (
    <div
      className="rounded-lg border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-sky-900"
      data-testid="leaderboard-frozen"
    >
      Leaderboard frozen at {formatDate(phase.publicCutoff)}: entries submitted later are scored and shown to their
      owners, and appear here after the private scores are revealed.
    </div>
  );
}

/** Why the private partition asked for is not shown (before its reveal time), above the public one shown instead. */
export function SealedNotice({ sealed }: { sealed: string | undefined }) {
  if (!sealed) return null;
  return (
    <div
      className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      data-testid="private-sealed"
    >
      {sealed} Showing the public partition.
    </div>
  );
}
