"use client";

import "../../../_components/zod-jitless";
import { useState, type ReactNode } from "react";
import { DEFAULT_FORM, defaultSplit, formToYaml, type SpecForm } from "@/lib/authoring/form-yaml";
import { ATARI_GAME_NAMES, METAWORLD_BENCHMARK_NAMES, METAWORLD_TASKS } from "@/lib/benchmark-spec";

/** The form's state and the one way to change it (part of it at a time). */
type FormState = { form: SpecForm; update: (change: Partial<SpecForm>) => void };
type TextKey = "slug" | "title" | "split" | "publicSeeds";
type NumberKey =
  | "ways"
  | "shots"
  | "queries"
  | "publicEpisodes"
  | "privateEpisodes"
  | "publicSeed"
  | "privateRuns"
  | "learningSteps"
  | "evalEpisodes"
  | "goalsPerTask";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="label">{label}</span>
      {children}
    </label>
  );
}

function TextField({ label, name, form, update }: FormState & { label: string; name: TextKey }) {
  return (
    <Field label={label}>
      <input
        className="input"
        data-testid={`form-${name}`}
        value={form[name]}
        onChange={(e) => update({ [name]: e.target.value })}
      />
    </Field>
  );
}

function NumberField({ label, name, form, update }: FormState & { label: string; name: NumberKey }) {
  return (
    <Field label={label}>
      <input
        className="input"
        type="number"
        data-testid={`form-${name}`}
        value={form[name]}
        onChange={(e) => update({ [name]: Number(e.target.value) })}
      />
    </Field>
  );
}

function FewshotFields({ datasets, ...state }: FormState & { datasets: string[] }) {
  const { form, update } = state;
  return (
    <>
      <Field label="Data">
        <select
          className="input"
          data-testid="form-dataset"
          value={form.dataset}
          onChange={(e) => update({ dataset: e.target.value, split: defaultSplit(e.target.value) })}
        >
          {datasets.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </Field>
      {form.dataset !== "glyphs" && <TextField label="Split (name; class lists in the YAML)" name="split" {...state} />}
      <NumberField label="Ways" name="ways" {...state} />
      <NumberField label="Shots" name="shots" {...state} />
      <NumberField label="Queries per class" name="queries" {...state} />
      <NumberField label="Public episodes" name="publicEpisodes" {...state} />
      <NumberField label="Public seed" name="publicSeed" {...state} />
      <NumberField label="Private episodes (seed drawn secretly)" name="privateEpisodes" {...state} />
    </>
  );
}

function AtariFields(state: FormState) {
  const { form, update } = state;
  // Ticked games stay in the suite's order, whatever order they were ticked in.
  const toggle = (game: string, on: boolean) =>
    update({
      games: on
        ? ATARI_GAME_NAMES.filter((g) => g === game || form.games.includes(g))
        : form.games.filter((g) => g !== game),
    });
  return (
    <>
      <NumberField label="Learning steps" name="learningSteps" {...state} />
      <NumberField label="Evaluation episodes" name="evalEpisodes" {...state} />
      <fieldset className="sm:col-span-2 lg:col-span-4">
        <legend className="label">Games</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {ATARI_GAME_NAMES.map((game) => (
            <label key={game} className="inline-flex items-center gap-1">
              <input
                type="checkbox"
                checked={form.games.includes(game)}
                onChange={(e) => toggle(game, e.target.checked)}
              />
              {game}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}

function MetaWorldFields(state: FormState) {
  const { form, update } = state;
  return (
    <>
      <Field label="Benchmark">
        <select
          className="input"
          data-testid="form-benchmark"
          value={form.benchmark}
          onChange={(e) => update({ benchmark: e.target.value as SpecForm["benchmark"] })}
        >
          {METAWORLD_BENCHMARK_NAMES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </Field>
      {form.benchmark === "ML1" && (
        <Field label="Task">
          <select
            className="input"
            data-testid="form-task"
            value={form.task}
            onChange={(e) => update({ task: e.target.value })}
          >
            {METAWORLD_TASKS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </Field>
      )}
      <NumberField label="Goals per task" name="goalsPerTask" {...state} />
      {!form.benchmark.startsWith("MT") && (
        <Field label="Observation">
          <select
            className="input"
            data-testid="form-observation"
            value={form.observation}
            onChange={(e) => update({ observation: e.target.value as SpecForm["observation"] })}
          >
            <option value="plain">plain (39 numbers)</option>
            <option value="rl2">rl2 (+ previous action, reward, done)</option>
          </select>
        </Field>
      )}
    </>
  );
}

/** The simple form: it writes YAML into the editor (replacing it) and keeps no state the YAML does not show. */
export function SpecFormPanel({ datasets, onWrite }: { datasets: string[]; onWrite: (yaml: string) => void }) {
  const [form, setForm] = useState<SpecForm>(DEFAULT_FORM);
  const state: FormState = { form, update: (change) => setForm((f) => ({ ...f, ...change })) };
  return (
    <details className="card p-4" data-testid="spec-form">
      <summary className="cursor-pointer text-sm font-medium">Fill the YAML from a form (common cases)</summary>
      <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Track">
          <select
            className="input"
            data-testid="form-track"
            value={form.track}
            onChange={(e) => state.update({ track: e.target.value as SpecForm["track"] })}
          >
            <option value="fewshot">Few-shot classification</option>
            <option value="atari">Atari 100K</option>
            <option value="metaworld">Meta-World</option>
          </select>
        </Field>
        <TextField label="Slug" name="slug" {...state} />
        <TextField label="Title" name="title" {...state} />
        {form.track === "fewshot" && <FewshotFields datasets={datasets} {...state} />}
        {form.track !== "fewshot" && (
          <>
            <TextField label="Public seeds" name="publicSeeds" {...state} />
            <NumberField label="Private runs (seeds drawn secretly)" name="privateRuns" {...state} />
          </>
        )}
        {form.track === "atari" && <AtariFields {...state} />}
        {form.track === "metaworld" && <MetaWorldFields {...state} />}
      </div>
      <button
        type="button"
        className="btn-secondary mt-4"
        data-testid="form-write"
        onClick={() => onWrite(formToYaml(form))}
      >
        Replace the YAML with these choices
      </button>
    </details>
  );
}
