import type { PhaseView } from "@/lib/server/benchmark-view";
import { formatDate } from "../../_components/format";

/** How the final (private) ranking picks each team's entry, in one sentence. */
export function finalSelectionRule(limit: number | null): string {
  return limit === null
    ? "Each team's best entry on the public partition is its final entry; the private ranking ranks those."
    : `Each team chooses up to ${limit} of its entries for the final ranking; the best of them on the private partition ranks. A team that chooses none is ranked by its best public entry.`;
}

/** The limits and rules of a phase, as rows of a <dl>. */
export function PhaseRules({ phase }: { phase: PhaseView }) {
  const limit = (value: number | null, unit: string) => (value === null ? "no limit" : `${value} ${unit}`);
  return (
    <>
      <dt>Quota</dt>
      <dd>
        {phase.quotaPerDay ?? "∞"} per day · {phase.quotaTotal ?? "∞"} in total · {phase.quotaConcurrent ?? "∞"} at once
      </dd>
      <dt>Team size</dt>
      <dd>{limit(phase.teamSizeLimit, "members at most")}</dd>
      <dt>Failed runs</dt>
      <dd>
        {phase.userFailuresPerDay === null
          ? "no cap"
          : `${phase.userFailuresPerDay} per day caused by the submitted code (platform faults never count)`}
      </dd>
      <dt>Final ranking</dt>
      <dd data-testid="final-selection-rule">{finalSelectionRule(phase.finalSelectionLimit)}</dd>
      <dt>Leaderboard freeze</dt>
      <dd>
        {phase.frozenAt
          ? `${phase.publicCutoff ? "frozen" : "freezes"} at ${formatDate(phase.frozenAt)}, until the reveal`
          : "none"}
      </dd>
    </>
  );
}
