import type { BenchmarkSpec } from "@/lib/benchmark-spec";
import type { PhaseView } from "@/lib/server/benchmark-view";
import { summarizeRlSpec } from "@/lib/server/spec-summary";
import { Badge } from "../../_components/badges";
import { formatDate } from "../../_components/format";
import { PhaseRules } from "./phase-rules";
import { RlProtocol } from "./rl-protocol";

/** The protocol of the version shown: a few-shot benchmark's episodes, partitions, kinds and limits, or an RL one's tasks and budgets. */
function ProtocolCard({ spec }: { spec: BenchmarkSpec }) {
  return (
    <div className="card p-5 text-sm">
      <h2 className="mb-3 font-semibold">Protocol</h2>
      {spec.track === "fewshot" && (
        <dl className="grid grid-cols-2 gap-y-1 text-slate-600">
          <dt>Episodes</dt>
          <dd>
            {spec.ways}-way {spec.shots}-shot, {spec.queries} queries per class
          </dd>
          <dt>Public partition</dt>
          <dd>{spec.partitions.public.episodes} episodes</dd>
          <dt>Private partition</dt>
          <dd>{spec.partitions.private.episodes} episodes</dd>
          <dt>Bundle kinds</dt>
          <dd>{spec.kinds.join(", ")}</dd>
          <dt>Limits</dt>
          <dd>
            {spec.limits.wallSeconds}s wall, {spec.limits.memoryMb} MB
          </dd>
          <dt>Interval</dt>
          <dd>mean ± 1.96·s/√n over episodes</dd>
        </dl>
      )}
      {spec.track !== "fewshot" && <RlProtocol summary={summarizeRlSpec(spec)} />}
    </div>
  );
}

/** The current phase: its name and state, its times, its rules and when the private scores are revealed. */
function PhaseCard({ phase }: { phase: PhaseView | undefined }) {
  return (
    <div className="card p-5 text-sm">
      <h2 className="mb-3 font-semibold">Phase</h2>
      {phase ? (
        <dl className="grid grid-cols-2 gap-y-1 text-slate-600">
          <dt>Name</dt>
          <dd>
            {phase.name} {phase.isOpen ? <Badge tone="scored">open</Badge> : <Badge>closed</Badge>}
          </dd>
          <dt>Opens</dt>
          <dd>{formatDate(phase.opensAt)}</dd>
          <dt>Closes</dt>
          <dd>{phase.closesAt ? formatDate(phase.closesAt) : "open-ended"}</dd>
          <PhaseRules phase={phase} />
          <dt>Private scores</dt>
          <dd>
            {phase.privateRevealed
              ? "revealed"
              : phase.revealAt
                ? `hidden until ${formatDate(phase.revealAt)}`
                : "hidden (no reveal time set)"}
          </dd>
        </dl>
      ) : (
        <p className="text-slate-500">No phase yet.</p>
      )}
    </div>
  );
}

export function ProtocolAndPhase({ spec, phase }: { spec: BenchmarkSpec; phase: PhaseView | undefined }) {
  return (
    <section className="grid gap-4 md:grid-cols-2">
      <ProtocolCard spec={spec} />
      <PhaseCard phase={phase} />
    </section>
  );
}
