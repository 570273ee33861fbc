"use client";

import Link from "next/link";
import { useRef, useState } from "react";
import type { AuthoringPreview } from "@/lib/authoring/preview";
import type { PublishResult } from "@/lib/authoring/publish";
import { callApi } from "../../../_components/api";
import { SpecFormPanel } from "./spec-form";
import { SpecPreview } from "./spec-preview";

/** Puts the cursor on a reported line so the offending field is in view. */
function selectLine(area: HTMLTextAreaElement, line: number) {
  const lines = area.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
}

type Issue = Extract<AuthoringPreview, { valid: false }>["issues"][number];

/** The problems found, by line; picking one selects that line in the editor. */
function SpecIssues({ issues, onPick }: { issues: Issue[]; onPick: (line: number) => void }) {
  return (
    <div className="card border-rose-200 p-4" data-testid="spec-issues">
      <h2 className="mb-2 text-sm font-semibold text-rose-800">
        {issues.length === 1 ? "1 problem" : `${issues.length} problems`}
      </h2>
      <ul className="space-y-1 font-mono text-xs">
        {issues.map((issue, i) => (
          <li key={i}>
            <button
              type="button"
              className="text-left hover:underline"
              data-testid="spec-issue"
              onClick={() => onPick(issue.line)}
            >
              <span className="text-slate-500">benchmark.yaml:{issue.line}:</span>{" "}
              {issue.field && <span className="font-semibold">{issue.field}:</span>} {issue.message}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PublishedNote({ published }: { published: PublishResult }) {
  return (
    <p className="text-sm text-emerald-700" data-testid="spec-published">
      {published.created
        ? `Published version ${published.version}`
        : `No protocol change: still version ${published.version} (title, texts and YAML updated)`}
      {published.baselinesQueued.length > 0 && `; ${published.baselinesQueued.length} baseline(s) queued`}.{" "}
      <Link className="underline" href={`/benchmarks/${published.slug}`}>
        Open the benchmark
      </Link>
    </p>
  );
}

/** Validate and publish; publish stays off until the text as it stands has passed validation. */
function SpecActions(props: {
  validateDisabled: boolean;
  publishDisabled: boolean;
  publishLabel: string;
  stale: boolean;
  onValidate: () => void;
  onPublish: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        className="btn-secondary"
        data-testid="spec-validate"
        disabled={props.validateDisabled}
        onClick={props.onValidate}
      >
        Validate and preview
      </button>
      <button
        type="button"
        className="btn"
        data-testid="spec-publish"
        disabled={props.publishDisabled}
        onClick={props.onPublish}
      >
        {props.publishLabel}
      </button>
      {props.stale && (
        <span className="text-xs text-slate-500">Changed since the last check: validate again to publish.</span>
      )}
    </div>
  );
}

/** Beside the editor: the issues of the last check, its preview, or a hint when nothing is checked yet. */
function SpecResult({
  result,
  stale,
  editing,
  onPick,
}: {
  result: AuthoringPreview | undefined;
  stale: boolean;
  editing: boolean;
  onPick: (line: number) => void;
}) {
  return (
    <div className="space-y-4">
      {result?.valid === false && <SpecIssues issues={result.issues} onPick={onPick} />}
      {result?.valid === true && <SpecPreview preview={result} editing={editing} />}
      {!result && !stale && (
        <p className="text-sm text-slate-500">Validate to see problems, the leakage check and a preview here.</p>
      )}
    </div>
  );
}

/**
 * The YAML editor with its checks: validate shows issues by line next to the text, or the preview and leakage
 * check; publish sends exactly the text that was last validated.
 */
export function SpecEditor({
  initialYaml,
  edit,
  datasets,
}: {
  initialYaml: string;
  edit?: string;
  datasets: string[];
}) {
  const [yaml, setYaml] = useState(initialYaml);
  const [checked, setChecked] = useState<{ yaml: string; result: AuthoringPreview }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [published, setPublished] = useState<PublishResult>();
  const editor = useRef<HTMLTextAreaElement>(null);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  const validate = () =>
    act(async () => {
      setPublished(undefined);
      const result = await callApi<AuthoringPreview>("POST", "/api/organize/authoring/validate", { yaml });
      setChecked({ yaml, result });
    });
  const publish = () =>
    act(async () => {
      setPublished(
        await callApi<PublishResult>("POST", "/api/organize/authoring/publish", { yaml, ...(edit ? { edit } : {}) }),
      );
    });

  const goToLine = (line: number) => editor.current && selectLine(editor.current, line);

  const result = checked?.yaml === yaml ? checked.result : undefined;
  const stale = checked !== undefined && checked.yaml !== yaml;
  const canPublish = result?.valid === true && result.leakage.problem === null && !busy;
  return (
    <div className="space-y-6">
      <SpecFormPanel datasets={datasets} onWrite={(text) => setYaml(text)} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-2">
          <label htmlFor="spec-yaml" className="label">
            benchmark.yaml
          </label>
          <textarea
            id="spec-yaml"
            ref={editor}
            data-testid="spec-yaml"
            className="input min-h-[28rem] font-mono text-xs leading-5"
            spellCheck={false}
            value={yaml}
            onChange={(e) => setYaml(e.target.value)}
            placeholder={"slug: my-benchmark\ntitle: My benchmark\ntrack: fewshot\n..."}
          />
          <SpecActions
            validateDisabled={busy || yaml.trim() === ""}
            publishDisabled={!canPublish}
            publishLabel={edit ? "Publish a new version" : "Publish"}
            stale={stale}
            onValidate={() => void validate()}
            onPublish={() => void publish()}
          />
          {error && (
            <p className="whitespace-pre-wrap text-sm text-rose-700" role="alert" data-testid="spec-error">
              {error}
            </p>
          )}
          {published && <PublishedNote published={published} />}
        </div>
        <SpecResult result={result} stale={stale} editing={edit !== undefined} onPick={goToLine} />
      </div>
    </div>
  );
}
