import { modelFormatOf } from "@/evaluator/protocol/manifest";
import type { SubmissionView } from "@/lib/server/submission-view";

const FORMAT_NAMES = { tfjs: "TF.js", onnx: "ONNX" } as const;

/**
 * The model's format, then where each unit ran: its engine (the TF.js backend, or ONNX Runtime for an ONNX model)
 * and GPU, the attempt's state, the evaluator version and the wall time.
 */
export function ComputeCard({ compute, modelPath }: Pick<SubmissionView, "compute" | "modelPath">) {
  return (
    <section className="card p-5 text-sm" data-testid="compute-backend">
      <h2 className="mb-3 font-semibold">Compute</h2>
      <p className="mb-2" data-testid="model-format">
        Model:{" "}
        <span className="font-medium">{modelPath === null ? "code" : FORMAT_NAMES[modelFormatOf(modelPath)]}</span>
        {modelPath !== null && <span className="text-slate-500"> ({modelPath})</span>}
      </p>
      {compute.length === 0 ? (
        <p className="text-slate-500">Waiting for a worker.</p>
      ) : (
        <ul className="space-y-2">
          {compute.map((a, i) => (
            <li key={i} className="flex flex-wrap justify-between gap-2">
              <span>
                {a.unit}: <span className="font-medium">{a.backend ?? "starting"}</span>
                {a.gpu && <span className="text-slate-500"> on {a.gpu}</span>}
              </span>
              <span className="text-xs text-slate-500">
                {a.status} · evaluator {a.evaluatorVersion}
                {a.wallMs !== null && ` · ${(a.wallMs / 1000).toFixed(1)} s`}
                {a.fault === "platform" && " · platform fault: retried, not charged"}
                {a.fault === "user" && " · failed by the submitted code"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
