import { definitionFor } from "@/evaluator/tracks/definitions";
import { insertSubmission, insertUnits, type NewSubmission, type Submission } from "@/db/queries/submissions";
import type { BenchmarkSpec } from "../benchmark-spec";
import { AppError } from "../core/errors";
import { publishEvent } from "../events";
import type { Manifest } from "@/evaluator/protocol/manifest";
import type { Queue, Tx } from "../queue";

/**
 * Queue priorities of evaluation jobs; workers hand out the highest first (lib/queue.ts). Competitors' work goes ahead
 * of the platform's own baselines, and re-running old entries on a new benchmark version waits behind both. The
 * baselines of the standard RL boards (hours of CPU per unit, seeded at start) run in the background, behind all of it.
 */
export const JOB_PRIORITY = { competitor: 10, baseline: 0, reevaluation: -10, backgroundBaseline: -20 } as const;

/** Slack on top of the sandbox's own wall-clock limit before the queue gives up on a job it handed out. */
const JOB_EXPIRY_MARGIN_SECONDS = 300;

/**
 * Why a benchmark version does not take this bundle (wrong track, a kind it does not accept, or a model whose declared
 * input shape is not what the benchmark feeds); undefined if it does.
 */
export function bundleMismatch(input: {
  slug: string;
  spec: BenchmarkSpec;
  manifest: Manifest;
  modelInputShape?: readonly number[];
}): AppError | undefined {
  const { slug, spec, manifest } = input;
  if (manifest.track !== spec.track) {
    return new AppError(
      "track_mismatch",
      `This bundle is for the '${manifest.track}' track; '${slug}' is a '${spec.track}' benchmark.`,
    );
  }
  if (!(spec.kinds as string[]).includes(manifest.kind)) {
    return new AppError(
      "kind_not_allowed",
      `'${slug}' accepts ${spec.kinds.map((k) => `'${k}'`).join(" or ")} bundles; this one is '${manifest.kind}'.`,
    );
  }
  const problem = input.modelInputShape && definitionFor(spec).modelInputProblem?.(spec, input.modelInputShape);
  if (problem) return new AppError("model_input_mismatch", `'${slug}': ${problem}.`);
  return undefined;
}

/**
 * In the caller's transaction: inserts a queued submission, its evaluation units as the track plans them for `spec`,
 * and one queue job per unit at `priority` in the queue of its track and device, then announces it (delivered on commit). Either all of it exists or none.
 */
export async function queueEvaluation(
  tx: Tx,
  input: { queue: Queue; spec: BenchmarkSpec; submission: NewSubmission; priority: number },
): Promise<Submission> {
  const { queue, spec } = input;
  const submission = await insertSubmission(tx, input.submission);
  const units = await insertUnits(tx, submission.id, definitionFor(spec).planUnits(spec));
  for (const unit of units) {
    await queue.enqueueUnit(
      tx,
      { v: 1, submissionId: submission.id, unitId: unit.id },
      {
        track: spec.track,
        device: spec.limits.device ?? "cpu",
        priority: input.priority,
        expireInSeconds: spec.limits.wallSeconds + JOB_EXPIRY_MARGIN_SECONDS,
      },
    );
  }
  await publishEvent(tx, {
    type: "submission",
    submissionId: submission.id,
    benchmarkId: submission.benchmarkId,
    status: "queued",
  });
  return submission;
}
