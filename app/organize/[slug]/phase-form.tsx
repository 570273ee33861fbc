"use client";

import { useState } from "react";
import { callApi } from "../../_components/api";
import { useAction } from "../../_components/use-action";

type Phase = {
  id: string;
  name: string;
  opensAt: string;
  closesAt: string | null;
  quotaPerDay: number | null;
  quotaTotal: number | null;
  quotaConcurrent: number | null;
  teamSizeLimit: number | null;
  userFailuresPerDay: number | null;
  finalSelectionLimit: number | null;
  frozenAt: string | null;
  revealAt: string | null;
};

/** The whole-number limits, each empty for "no limit". */
const LIMITS = [
  { name: "quotaPerDay", label: "Quota per 24 hours" },
  { name: "quotaTotal", label: "Quota for the phase" },
  { name: "quotaConcurrent", label: "Queued or running at once" },
  { name: "teamSizeLimit", label: "Largest team size" },
  { name: "userFailuresPerDay", label: "Failures of the submitted code per 24 hours" },
  { name: "finalSelectionLimit", label: "Entries a team chooses for the final ranking (empty: its best public one)" },
] as const;

/** "2026-11-21T14:02" for a datetime-local input, in UTC. */
const toInput = (iso: string | null) => (iso ? iso.slice(0, 16) : "");
const fromInput = (value: FormDataEntryValue | null) => (value ? new Date(`${String(value)}:00Z`).toISOString() : null);
const toQuota = (value: FormDataEntryValue | null) => (value ? Number(value) : null);

/** The PATCH body from the form's fields; an emptied opening time keeps the current one. */
function patchFromForm(f: FormData, phase: Phase): Record<string, unknown> {
  return {
    name: String(f.get("name") ?? ""),
    opensAt: fromInput(f.get("opensAt")) ?? phase.opensAt,
    closesAt: fromInput(f.get("closesAt")),
    ...Object.fromEntries(LIMITS.map((l) => [l.name, toQuota(f.get(l.name))])),
    frozenAt: fromInput(f.get("frozenAt")),
    revealAt: fromInput(f.get("revealAt")),
  };
}

export function PhaseForm({ slug, phase }: { slug: string; phase: Phase }) {
  const { run, error, busy } = useAction();
  const [saved, setSaved] = useState(false);
  const url = `/api/benchmarks/${slug}/phases/${phase.id}`;
  const save = (patch: Record<string, unknown>) =>
    run(() => callApi("PATCH", url, patch)).then((r) => setSaved(r !== undefined));

  return (
    <form
      className="card space-y-4 p-5"
      data-testid="phase-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save(patchFromForm(new FormData(e.currentTarget), phase));
      }}
      onChange={() => setSaved(false)}
    >
      <PhaseFields phase={phase} />
      {error && (
        <p className="text-sm text-rose-700" role="alert">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <button className="btn" disabled={busy} data-testid="phase-save">
          Save
        </button>
        <button
          type="button"
          className="btn-secondary"
          disabled={busy}
          onClick={() => save({ closesAt: new Date().toISOString() })}
        >
          Close now
        </button>
        <button type="button" className="btn-secondary" disabled={busy} onClick={() => save({ closesAt: null })}>
          Reopen (open-ended)
        </button>
        <button
          type="button"
          className="btn-secondary"
          disabled={busy}
          onClick={() => save({ revealAt: new Date().toISOString() })}
        >
          Reveal private scores now
        </button>
        {saved && <span className="text-sm text-emerald-700">Saved.</span>}
      </div>
    </form>
  );
}

function PhaseFields({ phase }: { phase: Phase }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <label className="block">
        <span className="label">Name</span>
        <input name="name" defaultValue={phase.name} required className="input" />
      </label>
      <label className="block">
        <span className="label">Opens (UTC)</span>
        <input name="opensAt" type="datetime-local" defaultValue={toInput(phase.opensAt)} required className="input" />
      </label>
      <label className="block">
        <span className="label">Closes (UTC)</span>
        <input name="closesAt" type="datetime-local" defaultValue={toInput(phase.closesAt)} className="input" />
      </label>
      <label className="block">
        <span className="label">Private scores revealed at (UTC)</span>
        <input
          name="revealAt"
          type="datetime-local"
          defaultValue={toInput(phase.revealAt)}
          className="input"
          data-testid="phase-reveal"
        />
      </label>
      <label className="block">
        <span className="label">Leaderboard frozen from (UTC)</span>
        <input
          name="frozenAt"
          type="datetime-local"
          defaultValue={toInput(phase.frozenAt)}
          className="input"
          data-testid="phase-frozen"
        />
      </label>
      {LIMITS.map((l) => (
        <label key={l.name} className="block">
          <span className="label">{l.label}</span>
          <input name={l.name} type="number" min={1} step={1} defaultValue={phase[l.name] ?? ""} className="input" />
        </label>
      ))}
    </div>
  );
}
