import type { Db } from "@/db/client";
import { canSeeBenchmark, isStaff, type Viewer } from "@/lib/benchmark-access";
import { listEvaluationRows } from "@/db/queries/learning-curves";
import { listModeration } from "@/db/queries/moderation";
import { countChosenForFinal } from "@/db/queries/submissions";
import { speaksForEntrant } from "@/lib/submissions/choose-final";
import {
  findPhase,
  findSubmissionWithEntrant,
  listReevaluationLineage,
  listSubmissionProgress,
} from "@/db/queries/views";
import { LEARNING_ROW_OFFSET } from "@/evaluator/tracks/atari/definition/scoring";
import { AppError } from "@/lib/core/errors";
import { idSchema } from "@/lib/http/identifiers";
import { describePhase, type PhaseView } from "./benchmark-view";
import { getDatabase } from "./context";
import { atariGameTable, atariProgressDetail, metaworldTaskTable } from "./track-tables";

type Entry = NonNullable<Awaited<ReturnType<typeof findSubmissionWithEntrant>>>;
type Progress = Awaited<ReturnType<typeof listSubmissionProgress>>;
type Ruling = Awaited<ReturnType<typeof listModeration>>[number];
/** What the viewer is to the entry, the entry's latest moderation ruling, and what its phase is now. */
type Standing = {
  isOwner: boolean;
  seesHidden: boolean;
  ruling: Ruling | undefined;
  phase: PhaseView | undefined;
  now: Date;
};

/**
 * One submission as the viewer may see it, or undefined (absent, or not theirs to see: indistinguishable). The rules:
 * - a private submission: its owner only;
 * - an invite-only benchmark's: whoever may see the benchmark (and the owner);
 * - an entry hidden by an organizer: its owner and the organizers only, with the ruling; disqualified entries stay
 *   readable, unranked;
 * - one made after the leaderboard froze: its owner and the organizers, the public only after the reveal;
 * - private-partition scores: nobody until the phase's reveal time (organizers included: the board is sealed);
 * - the log and failure details: the owner only.
 */
export async function getSubmissionView(db: Db, input: { id: string; viewer: Viewer; now?: Date }) {
  const entry = await findSubmissionWithEntrant(db, input.id);
  if (!entry) return undefined;
  const standing = await standingOf(db, entry, input.viewer, input.now ?? new Date());
  if (!standing) return undefined;
  const s = entry.submission;
  const privateRevealed = !!standing.phase?.privateRevealed;
  const { ruling } = standing;
  const [progress, lineage, finalChoice] = await Promise.all([
    listSubmissionProgress(db, s.id),
    listReevaluationLineage(db, { submission: s, seesHidden: standing.seesHidden }),
    finalChoiceOf(db, entry, input.viewer, standing),
  ]);
  const scores = progress.scores
    .filter((a) => a.partition === "public" || privateRevealed)
    .map((a) => ({
      partition: a.partition,
      metric: a.metric,
      value: a.value,
      ciLow: a.ciLow,
      ciHigh: a.ciHigh,
      n: a.n,
    }));
  const isAtari = entry.benchmark.track === "atari";
  // Atari's per-game table comes from the evaluation rows; the learning-curve rows are not read.
  const evaluationRows = isAtari
    ? await listEvaluationRows(db, {
        submissionId: s.id,
        partitions: privateRevealed ? ["public", "private"] : ["public"],
        firstLearningRow: LEARNING_ROW_OFFSET,
      })
    : [];
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    status: s.status,
    visibility: s.visibility,
    isBaseline: s.isBaseline,
    moderation:
      ruling && ruling.state !== "visible" ? { state: ruling.state, reason: ruling.reason, at: ruling.at } : undefined,
    createdAt: s.createdAt,
    finishedAt: s.finishedAt,
    bundle: { sha256: s.bundleSha256, bytes: s.bundleBytes },
    benchmark: {
      slug: entry.benchmark.slug,
      title: entry.benchmark.title,
      track: entry.benchmark.track,
      synthetic: entry.benchmark.synthetic,
    },
    /** The benchmark version it was evaluated on. */
    version: entry.version,
    /** For a re-evaluation: the entry it re-evaluates and that entry's version; null for an original submission. */
    reevaluationOf: lineage.original,
    /** For an original: its re-evaluations on later versions, oldest version first. */
    reevaluations: lineage.reevaluations,
    entrant: entry.teamName ?? entry.userName ?? "anonymous",
    isOwner: standing.isOwner,
    method: { description: s.description, paper: s.paperUrl, code: s.codeUrl, tags: s.tags },
    /** The no-code kinds' model file (its extension says the format); null for the kinds that submit code. */
    modelPath: "model" in s.manifest ? s.manifest.model : null,
    privateRevealed,
    finalChoice,
    ...unitsAndCompute(progress, isAtari),
    scores,
    /** Meta-World: per-task success and return; Atari: per-game mean return and HNS; empty for other tracks. */
    metaworldTasks: entry.benchmark.track === "metaworld" ? metaworldTaskTable(scores) : [],
    atariGames: atariGameTable(evaluationRows),
    ...(standing.isOwner ? ownerDetails(s, progress) : { failure: undefined, log: undefined }),
  };
}

/** Whether the viewer may see the entry at all (undefined: not), and as what. */
async function standingOf(db: Db, entry: Entry, viewer: Viewer, now: Date): Promise<Standing | undefined> {
  const s = entry.submission;
  const isOwner = viewer?.id === s.userId;
  const seesHidden = isOwner || isStaff(viewer);
  if (s.visibility === "private" && !isOwner) return undefined;
  if (!isOwner && !(await canSeeBenchmark(db, entry.benchmark.id, viewer))) return undefined;
  // A hidden entry is gone for the public; its owner and the organizers still see it, with the ruling.
  const [ruling] = await listModeration(db, s.id);
  if (ruling?.state === "hidden" && !seesHidden) return undefined;
  const found = await findPhase(db, s.phaseId);
  const phase = found && describePhase(found, now);
  // Submitted after the leaderboard froze: its owner and the organizers see it; the public only after the reveal.
  if (phase?.publicCutoff && s.createdAt >= phase.publicCutoff && !seesHidden) return undefined;
  return { isOwner, seesHidden, ruling, phase, now };
}

/** The final-selection control, for those who speak for the entrant in a phase where teams choose their entries. */
async function finalChoiceOf(db: Db, entry: Entry, viewer: Viewer, standing: Standing) {
  const { phase } = standing;
  const s = entry.submission;
  const limit = phase?.finalSelectionLimit ?? null;
  if (!phase || limit === null || s.isBaseline || !viewer || !(await speaksForEntrant(db, s, viewer.id)))
    return undefined;
  return {
    limit,
    selected: s.selectedForFinal,
    chosen: await countChosenForFinal(db, { phaseId: phase.id, teamId: s.teamId, userId: s.userId }),
    open: !phase.closesAt || phase.closesAt > standing.now,
  };
}

function unitsAndCompute({ units, attempts }: Progress, isAtari: boolean) {
  const unitKey = new Map(units.map((u) => [u.id, u.key]));
  return {
    units: units.map((u) => ({
      key: u.key,
      partition: u.partition,
      status: u.status,
      progress: u.progress,
      atariDetail: isAtari ? atariProgressDetail(u.progress) : undefined,
    })),
    compute: attempts.map((a) => ({
      unit: unitKey.get(a.unitId) ?? a.unitId,
      status: a.status,
      backend: a.backend,
      gpu: a.gpu,
      host: a.host,
      evaluatorVersion: a.evaluatorVersion,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
      wallMs: a.wallMs,
      /** Whose fault ended a failed or lost attempt: "user" (the code; its error names the limit) or "platform". */
      fault: a.errorKind,
    })),
  };
}

/** What only the owner reads: why the entry failed, and the sandbox logs of its attempts. */
function ownerDetails(s: Entry["submission"], { units, attempts }: Progress) {
  const unitKey = new Map(units.map((u) => [u.id, u.key]));
  return {
    failure: s.status === "failed" ? { kind: s.failureKind, reason: s.failureReason } : undefined,
    log: attempts
      .filter((a) => a.log || a.error)
      .map((a) => ({
        unit: unitKey.get(a.unitId) ?? a.unitId,
        attempt: a.id,
        status: a.status,
        error: a.error,
        log: a.log ?? "",
      })),
  };
}

export type SubmissionView = NonNullable<Awaited<ReturnType<typeof getSubmissionView>>>;

/** A submission as the viewer may see it (the owner gets the log and failure details); a hidden one is 404. */
export async function findSubmissionView(input: { id: string; viewer: Viewer }): Promise<SubmissionView> {
  // Pages pass their path parameter as it came: an id that is no UUID names nothing and never reaches a query.
  const submission = idSchema.safeParse(input.id).success
    ? await getSubmissionView(getDatabase().db, input)
    : undefined;
  if (!submission) throw new AppError("submission_not_found", `No submission ${input.id}.`, 404);
  return submission;
}
