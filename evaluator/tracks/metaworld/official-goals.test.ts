import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { VENV_PYTHON } from "../../envs/venv";
import { METAWORLD_BENCHMARKS, metaworldDemo } from "../../../benchmarks/builtin/metaworld";
import { testTasks } from "./definition/spec";

const pythonDir = path.resolve(import.meta.dirname, "../../envs/python");

type Pinned = { goals: Record<string, Record<string, Record<string, { randVecs: number[][] }>>> };

test("every public unit of the shipped definitions has its official goals pinned, as many as the official object has; no private seed is", async () => {
  const pinned = JSON.parse(await readFile(path.join(pythonDir, "official-goals.json"), "utf8")) as Pinned & {
    seeds: number[];
  };
  for (const { slug, spec } of METAWORLD_BENCHMARKS) {
    assert.equal(spec.goals, "official-v1", slug);
    assert.ok("runs" in spec.partitions.private, `${slug}: private seeds are drawn per installation`);
    assert.deepEqual(pinned.seeds, spec.partitions.public.seeds, `${slug}: only the public seeds are pinned`);
    const { split, tasks } = testTasks(spec);
    assert.deepEqual(
      Object.keys(pinned.goals[`${spec.benchmark}/${split}`] ?? {}),
      spec.partitions.public.seeds.map(String),
      slug,
    );
    for (const seed of spec.partitions.public.seeds) {
      for (const task of tasks) {
        const entry = pinned.goals[`${spec.benchmark}/${split}`]?.[String(seed)]?.[task];
        assert.ok(entry, `${slug}: ${task} seed ${seed} is not pinned`);
        assert.equal(entry.randVecs.length, 50, `${slug}: ${task} seed ${seed}`);
        assert.ok(spec.goalsPerTask <= entry.randVecs.length, slug);
      }
    }
  }
});

test("the demo board's public seed is pinned for its task, with as many goals as it plays", async () => {
  const pinned = JSON.parse(await readFile(path.join(pythonDir, "official-goals.json"), "utf8")) as Pinned & {
    seeds: number[];
  };
  const { spec } = metaworldDemo;
  assert.ok("runs" in spec.partitions.private, "private seeds are drawn per installation");
  for (const seed of spec.partitions.public.seeds) {
    const entry = pinned.goals[`${spec.benchmark}/test`]?.[String(seed)]?.[spec.task!];
    assert.ok(entry && spec.goalsPerTask <= entry.randVecs.length, `${spec.task} seed ${seed}`);
  }
});

test("the pinned goals are the official ML10, ML1 and MT10 objects' Tasks, byte for byte, in the installed metaworld", async () => {
  // Builds metaworld.ML10(seed), ML1(task, seed) and MT10(seed) for the three pinned seeds (about half a minute).
  const run = await promisify(execFile)(VENV_PYTHON, ["-B", "official_goals.py", "check", "ML10", "ML1", "MT10"], {
    cwd: pythonDir,
    encoding: "utf8",
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
  assert.equal("code" in run ? run.code : 0, 0, run.stdout + run.stderr.split("\n").slice(-5).join("\n"));
});
