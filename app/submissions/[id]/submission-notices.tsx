import type { SubmissionView } from "@/lib/server/submission-view";
import { formatDate } from "../../_components/format";

export function CancelledNote({ s }: { s: SubmissionView }) {
  if (s.status !== "cancelled") return null;
  return (
    <div
      className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-700"
      data-testid="cancelled-note"
    >
      This evaluation was cancelled{s.finishedAt && <> on {formatDate(s.finishedAt)}</>}: nothing more is scored. A
      cancellation is not a failure of the submitted code; like any accepted submission it still counts toward the
      phase&apos;s submission quota.
    </div>
  );
}

export function ModerationRuling({ moderation }: { moderation: SubmissionView["moderation"] }) {
  if (!moderation) return null;
  return (
    <div
      className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900"
      data-testid="moderation-ruling"
    >
      <span className="font-medium">
        {moderation.state === "hidden" ? "Hidden by the organizers" : "Disqualified by the organizers"}
      </span>{" "}
      on {formatDate(moderation.at)}: {moderation.reason}
    </div>
  );
}

/** Whose fault a failure was (the platform's is never charged to the quota), with the reason (the owner only). */
export function FailureReason({ failure }: { failure: SubmissionView["failure"] }) {
  if (!failure) return null;
  return (
    <div
      className="rounded-lg border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900"
      data-testid="failure-reason"
    >
      <div className="font-medium">
        {failure.kind === "platform"
          ? "The platform failed to evaluate this submission (not counted against your quota)."
          : "The submitted code failed."}
      </div>
      {failure.reason && <div className="mt-1 font-mono text-xs">{failure.reason}</div>}
    </div>
  );
}
