"use client";

import "../../../_components/zod-jitless";
import { useState, type ReactNode } from "react";
import { DEFAULT_FORM, defaultSplit, formToYaml, type SpecForm } from "@/lib/authoring/form-yaml";
import { ATARI_GAME_NAMES, METAWORLD_BENCHMARK_NAMES, METAWORLD_TASKS } from "@/lib/benchmark-spec";

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="label">{label}</span>
      {children}
    </label>
  );
}

/** The simple form: it writes YAML into the editor (replacing it) and keeps no state the YAML does not show. */
export function SpecFormPanel({ datasets, onWrite }: { datasets: string[]; onWrite: (yaml: string) => void }) {
  const [form, setForm] = useState<SpecForm>(DEFAULT_FORM);
  const set = <K extends keyof SpecForm>(key: K, value: SpecForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: "slug" | "title" | "split" | "publicSeeds" | "privateSeeds") => (
    <input className="input" data-testid={`form-${key}`} value={form[key]} onChange={(e) => set(key, e.target.value)} />
  );
  const number = (key: "ways" | "shots" | "queries" | "publicEpisodes" | "privateEpisodes" | "publicSeed" | "privateSeed" | "learningSteps" | "evalEpisodes" | "goalsPerTask") => (
    <input className="input" type="number" data-testid={`form-${key}`} value={form[key]} onChange={(e) => set(key, Number(e.target.value))} />
  );
  return (
    <details className="card p-4" data-testid="spec-form">
      <summary className="cursor-pointer text-sm font-medium">Fill the YAML from a form (common cases)</summary>
      <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label="Track">
          <select className="input" data-testid="form-track" value={form.track} onChange={(e) => set("track", e.target.value as SpecForm["track"])}>
            <option value="fewshot">Few-shot classification</option>
            <option value="atari">Atari 100K</option>
            <option value="metaworld">Meta-World</option>
          </select>
        </Field>
        <Field label="Slug">{text("slug")}</Field>
        <Field label="Title">{text("title")}</Field>
        {form.track === "fewshot" && (
          <>
            <Field label="Data">
              <select className="input" data-testid="form-dataset" value={form.dataset} onChange={(e) => setForm((f) => ({ ...f, dataset: e.target.value, split: defaultSplit(e.target.value) }))}>
                {datasets.map((d) => <option key={d} value={d}>{d}</option>)}
              </select>
            </Field>
            {form.dataset !== "glyphs" && <Field label="Split (name; class lists in the YAML)">{text("split")}</Field>}
            <Field label="Ways">{number("ways")}</Field>
            <Field label="Shots">{number("shots")}</Field>
            <Field label="Queries per class">{number("queries")}</Field>
            <Field label="Public episodes">{number("publicEpisodes")}</Field>
            <Field label="Public seed">{number("publicSeed")}</Field>
            <Field label="Private episodes">{number("privateEpisodes")}</Field>
            <Field label="Private seed">{number("privateSeed")}</Field>
          </>
        )}
        {form.track !== "fewshot" && (
          <>
            <Field label="Public seeds">{text("publicSeeds")}</Field>
            <Field label="Private seeds">{text("privateSeeds")}</Field>
          </>
        )}
        {form.track === "atari" && (
          <>
            <Field label="Learning steps">{number("learningSteps")}</Field>
            <Field label="Evaluation episodes">{number("evalEpisodes")}</Field>
            <fieldset className="sm:col-span-2 lg:col-span-4">
              <legend className="label">Games</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                {ATARI_GAME_NAMES.map((game) => (
                  <label key={game} className="inline-flex items-center gap-1">
                    <input
                      type="checkbox"
                      checked={form.games.includes(game)}
                      onChange={(e) => set("games", e.target.checked ? ATARI_GAME_NAMES.filter((g) => g === game || form.games.includes(g)) : form.games.filter((g) => g !== game))}
                    />
                    {game}
                  </label>
                ))}
              </div>
            </fieldset>
          </>
        )}
        {form.track === "metaworld" && (
          <>
            <Field label="Benchmark">
              <select className="input" data-testid="form-benchmark" value={form.benchmark} onChange={(e) => set("benchmark", e.target.value as SpecForm["benchmark"])}>
                {METAWORLD_BENCHMARK_NAMES.map((b) => <option key={b} value={b}>{b}</option>)}
              </select>
            </Field>
            {form.benchmark === "ML1" && (
              <Field label="Task">
                <select className="input" data-testid="form-task" value={form.task} onChange={(e) => set("task", e.target.value)}>
                  {METAWORLD_TASKS.map((t) => <option key={t} value={t}>{t}</option>)}
                </select>
              </Field>
            )}
            <Field label="Goals per task">{number("goalsPerTask")}</Field>
          </>
        )}
      </div>
      <button type="button" className="btn-secondary mt-4" data-testid="form-write" onClick={() => onWrite(formToYaml(form))}>
        Replace the YAML with these choices
      </button>
    </details>
  );
}
