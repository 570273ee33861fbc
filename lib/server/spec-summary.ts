import type { AtariSpec, MetaWorldSpec } from "@/lib/benchmark-spec";
import { partitionRuns } from "@/lib/private-seeds";
import { metaworldObservation, observationParts, testTasks } from "@/evaluator/tracks/metaworld/definition/spec";
import { describeObservation } from "@/evaluator/protocol/metaworld-observation";

/** An RL spec in words: the tasks (games) it scores and the budgets of one unit, for previews and Protocol boxes. */
export type SpecSummary = {
  tasksLabel: "Games" | "Tasks";
  tasks: string[];
  budget: { label: string; value: string }[];
};

const n = (value: number) => value.toLocaleString("en-US");

export function summarizeRlSpec(spec: AtariSpec | MetaWorldSpec): SpecSummary {
  const limits = {
    label: "Limits per unit",
    value: `${n(spec.limits.wallSeconds)} s wall, ${n(spec.limits.memoryMb)} MB, ${spec.limits.callSeconds} s per call`,
  };
  const kinds = { label: "Bundle kinds", value: spec.kinds.join(", ") };
  if (spec.track === "atari") {
    return {
      tasksLabel: "Games",
      tasks: [...spec.games],
      budget: [
        { label: "Learning", value: `${n(spec.learningSteps)} agent steps per run` },
        { label: "Evaluation", value: `${n(spec.evalEpisodes)} games per run` },
        {
          label: "Runs per game",
          value: `${spec.partitions.public.seeds.length} public, ${partitionRuns(spec, "private").length} private`,
        },
        kinds,
        limits,
        { label: "Scores", value: "IQM, median, mean of HNS; optimality gap" },
      ],
    };
  }
  return {
    tasksLabel: "Tasks",
    tasks: [...testTasks(spec).tasks],
    budget: [
      { label: "Benchmark", value: spec.task ? `${spec.benchmark} (${spec.task})` : spec.benchmark },
      { label: "Goals", value: `${spec.goalsPerTask} per task and seed` },
      { label: "Observation", value: `${metaworldObservation(spec)}: ${describeObservation(observationParts(spec))}` },
      {
        label: "Episodes",
        value: `${spec.adaptationEpisodes} adaptation, ${spec.evaluationEpisodes} evaluation, ${spec.maxEpisodeSteps} steps each`,
      },
      {
        label: "Seeds",
        value: `${spec.partitions.public.seeds.length} public, ${partitionRuns(spec, "private").length} private`,
      },
      kinds,
      limits,
      { label: "Interval", value: "bootstrap 95% over goals and seeds" },
    ],
  };
}
