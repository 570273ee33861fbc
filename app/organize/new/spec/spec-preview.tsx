import { Fragment } from "react";
import type { AuthoringPreview } from "@/lib/authoring/preview";

type Valid = Extract<AuthoringPreview, { valid: true }>;

/** What a valid spec will evaluate: the leakage check, then episode grids (few-shot) or tasks and budgets (RL). */
export function SpecPreview({ preview, editing }: { preview: Valid; editing: boolean }) {
  const { leakage } = preview;
  const versionNote = preview.current
    ? editing
      ? `Publishing a changed protocol creates version ${preview.current.version + 1}.`
      : `'${preview.slug}' exists already (version ${preview.current.version}): edit it from its page instead.`
    : "Publishing creates version 1.";
  return (
    <div className="space-y-4" data-testid="spec-preview">
      <div className="card space-y-1 p-4 text-sm">
        <div className="font-medium">
          {preview.title}{" "}
          <span className="text-slate-500">
            ({preview.slug}, {preview.track})
          </span>
        </div>
        <p className="text-slate-600">{preview.summary}</p>
        <p className="text-slate-500">{versionNote}</p>
      </div>
      <div
        className={`card p-4 text-sm ${leakage.problem ? "border-rose-200" : "border-emerald-200"}`}
        data-testid="spec-leakage"
      >
        <div className={`font-medium ${leakage.problem ? "text-rose-800" : "text-emerald-800"}`}>
          {leakage.problem ? "Leakage check failed: publishing is blocked" : "Leakage check passed"}
        </div>
        <p className="text-slate-600">{leakage.problem ?? `Checked ${leakage.checked}.`}</p>
      </div>
      {preview.episodes.length > 0 && (
        <div className="card space-y-3 p-4 text-sm">
          <p className="text-slate-600">
            The first public episodes, exactly as they will be evaluated: one row per class, its support images, then a
            few of its queries.
          </p>
          {preview.episodes.map((query, i) => (
            <figure key={query} className="space-y-1">
              {/* a plain <img>, not next/image: the preview is generated per spec, not a static asset */}
              <img
                src={`/api/organize/authoring/preview?${query}`}
                alt={`Public episode ${i}`}
                data-testid="preview-episode"
                className="max-w-full border border-slate-200 [image-rendering:pixelated]"
              />
              <figcaption className="text-xs text-slate-500">Public episode {i}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {preview.rl && (
        <dl className="card grid grid-cols-[9rem_1fr] gap-y-1 p-4 text-sm text-slate-600" data-testid="preview-rl">
          <dt>
            {preview.rl.tasksLabel} ({preview.rl.tasks.length})
          </dt>
          <dd>{preview.rl.tasks.join(", ")}</dd>
          {preview.rl.budget.map((b) => (
            <Fragment key={b.label}>
              <dt>{b.label}</dt>
              <dd>{b.value}</dd>
            </Fragment>
          ))}
        </dl>
      )}
    </div>
  );
}
