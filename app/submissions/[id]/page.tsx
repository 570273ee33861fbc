import { isOrganizer } from "@/lib/http/auth";
import { loadSubmissionPage } from "@/lib/server/submission-page";
import { getViewer } from "@/lib/server/viewer";
import { orNotFound } from "../../_components/or-not-found";
import { AtariPlots } from "./atari-plots";
import { ComputeCard } from "./compute-card";
import { FinalChoice } from "./final-choice";
import { MethodCard } from "./method-card";
import { ModerationPanel } from "./moderation-panel";
import { SubmissionHeader } from "./submission-header";
import { SubmissionLog } from "./submission-log";
import { CancelledNote, FailureReason, ModerationRuling } from "./submission-notices";
import { SubmissionScores } from "./submission-scores";
import { UnitProgress } from "./unit-progress";

export const metadata = { title: "Submission" };

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getViewer();
  const {
    submission: s,
    columns,
    finished,
    canCancel,
    atariPlots,
  } = await orNotFound(loadSubmissionPage({ id, viewer }));
  return (
    <div className="space-y-6">
      <SubmissionHeader s={s} canCancel={canCancel} finished={finished} />
      <CancelledNote s={s} />
      <ModerationRuling moderation={s.moderation} />
      {s.finalChoice && <FinalChoice id={s.id} choice={s.finalChoice} />}
      <FailureReason failure={s.failure} />
      <UnitProgress units={s.units} />
      <SubmissionScores s={s} columns={columns} />
      <AtariPlots plots={atariPlots} />
      <div className="grid gap-4 md:grid-cols-2">
        <MethodCard method={s.method} bundle={s.bundle} />
        <ComputeCard compute={s.compute} modelPath={s.modelPath} />
      </div>
      {isOrganizer(viewer) && (
        <ModerationPanel id={s.id} isBaseline={s.isBaseline} state={s.moderation?.state ?? "visible"} />
      )}
      <SubmissionLog log={s.log} />
    </div>
  );
}
