"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useHydrated } from "../_components/use-hydrated";
import { formatBytes } from "../_components/format";

type Props = {
  benchmarks: { slug: string; title: string; synthetic: boolean }[];
  teams: { id: string; name: string }[];
  initialBenchmark?: string;
  maxBytes: number;
};

type Progress = { loaded: number; total: number };

/** Posts the form to POST /api/submissions with XMLHttpRequest, whose upload events give a real progress bar. */
function upload(form: FormData, onProgress: (p: Progress) => void): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/submissions");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress({ loaded: e.loaded, total: e.total });
    xhr.onload = () => {
      const body = xhr.response as { id?: string; error?: { message?: string } } | null;
      if (xhr.status === 201 && body?.id) resolve({ id: body.id });
      else reject(new Error(body?.error?.message ?? `The server answered ${xhr.status}.`));
    };
    xhr.onerror = () => reject(new Error("The upload was interrupted (network error)."));
    xhr.send(form);
  });
}

/**
 * The form as the server wants it, or why it cannot be sent: a bundle is chosen and within the size limit; empty
 * optional fields are left out; text fields come first and the file last, so the server reads them before the
 * archive streams in.
 */
function prepareUpload(form: FormData, maxBytes: number): { form: FormData; file: File } | string {
  const file = form.get("bundle");
  if (!(file instanceof File) || file.size === 0) return "Choose a bundle file.";
  if (file.size > maxBytes)
    return `The bundle is ${formatBytes(file.size)}; this server accepts at most ${formatBytes(maxBytes)}.`;
  if (!form.get("name")) form.delete("name");
  if (!form.get("team")) form.delete("team");
  form.delete("bundle");
  form.append("bundle", file);
  return { form, file };
}

function UploadProgress({ progress }: { progress: Progress }) {
  const pct = progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : 0;
  return (
    <div>
      <div className="mb-1 flex justify-between text-xs text-slate-500">
        <span>{pct < 100 ? "Uploading…" : "Validating and queueing…"}</span>
        <span>
          {formatBytes(progress.loaded)} / {formatBytes(progress.total)}
        </span>
      </div>
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid="upload-progress"
        data-progress={pct}
      >
        <div className="h-full bg-brand-500 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function BenchmarkChoice({ benchmarks, initialBenchmark }: Pick<Props, "benchmarks" | "initialBenchmark">) {
  return (
    <div>
      <label className="label" htmlFor="benchmark">
        Benchmark
      </label>
      <select
        id="benchmark"
        name="benchmark"
        className="input"
        defaultValue={initialBenchmark ?? benchmarks[0]?.slug}
        data-testid="upload-benchmark"
      >
        {benchmarks.map((b) => (
          <option key={b.slug} value={b.slug}>
            {b.title}
            {b.synthetic ? " (synthetic)" : ""}
          </option>
        ))}
      </select>
    </div>
  );
}

function TeamChoice({ teams }: { teams: Props["teams"] }) {
  return (
    <div>
      <label className="label" htmlFor="team">
        Submit as
      </label>
      <select id="team" name="team" className="input" defaultValue="" data-testid="upload-team">
        <option value="">myself</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            team {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function UploadForm({ benchmarks, teams, initialBenchmark, maxBytes }: Props) {
  const router = useRouter();
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<string>();
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const prepared = prepareUpload(new FormData(event.currentTarget), maxBytes);
    if (typeof prepared === "string") return setError(prepared);
    const { form, file } = prepared;
    setBusy(true);
    setError(undefined);
    setProgress({ loaded: 0, total: file.size });
    try {
      const { id } = await upload(form, setProgress);
      router.push(`/submissions/${id}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="card space-y-5 p-6" method="post" data-testid="upload-form">
      <BenchmarkChoice benchmarks={benchmarks} initialBenchmark={initialBenchmark} />
      <div>
        <label className="label" htmlFor="name">
          Name on the leaderboard
        </label>
        <input
          id="name"
          name="name"
          maxLength={100}
          placeholder="defaults to the manifest's name"
          className="input"
          data-testid="upload-name"
        />
      </div>
      {teams.length > 0 && <TeamChoice teams={teams} />}
      <div>
        <label className="label" htmlFor="bundle">
          Bundle
        </label>
        <input
          id="bundle"
          name="bundle"
          type="file"
          accept=".tar.gz,.tgz,.zip,application/gzip,application/zip"
          required
          className="input"
          data-testid="upload-file"
        />
        <p className="mt-1 text-xs text-slate-500">At most {formatBytes(maxBytes)}.</p>
      </div>
      {progress && <UploadProgress progress={progress} />}
      {error && (
        <p className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert" data-testid="upload-error">
          {error}
        </p>
      )}
      <button type="submit" className="btn" disabled={busy || !hydrated} data-testid="upload-submit">
        {busy ? "Submitting…" : "Submit"}
      </button>
    </form>
  );
}
