import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { explainShimFailure, MISSING_VENV_MESSAGE, VENV_PYTHON } from "./venv";

/** The Python modules each RL track's environments import (python/shim.py, python/metaworld_env.py). */
const TRACK_MODULES = { atari: ["gymnasium", "ale_py"], metaworld: ["gymnasium", "metaworld"] } as const;

export type SimulatorTrack = keyof typeof TRACK_MODULES;
export const SIMULATOR_TRACKS = Object.keys(TRACK_MODULES) as SimulatorTrack[];

/**
 * The RL tracks whose simulator `python` cannot import, each with the instruction that installs it. Imports them in
 * a child process (a few seconds for metaworld), as the shim would.
 */
export async function findMissingSimulators(
  python = VENV_PYTHON,
): Promise<{ track: SimulatorTrack; problem: string }[]> {
  if (!existsSync(python)) {
    return SIMULATOR_TRACKS.map((track) => ({ track, problem: `${MISSING_VENV_MESSAGE} (${python} does not exist)` }));
  }
  const probes = SIMULATOR_TRACKS.map(async (track) => {
    try {
      await promisify(execFile)(python, ["-B", "-c", `import ${TRACK_MODULES[track].join(", ")}`], {
        timeout: 120_000,
      });
      return undefined;
    } catch (error) {
      const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
      const detail = stderr.split("\n").at(-1) || (error instanceof Error ? error.message : String(error));
      return { track, problem: explainShimFailure(detail) };
    }
  });
  return (await Promise.all(probes)).filter((missing) => missing !== undefined);
}
