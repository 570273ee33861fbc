import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PlatformError } from "../../lib/core/errors";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The project virtualenv's interpreter (scripts/setup-python.sh creates it). */
export const VENV_PYTHON = path.join(repoRoot, ".venv", "bin", "python");
export const SHIM_FILE = path.join(repoRoot, "evaluator", "envs", "python", "shim.py");

export const MISSING_VENV_MESSAGE = "The RL environments need the project virtualenv: run scripts/setup-python.sh";

/** The interpreter to run the shim with, or a PlatformError saying how to install it. */
export function requirePython(python = VENV_PYTHON): string {
  if (!existsSync(python)) throw new PlatformError(`${MISSING_VENV_MESSAGE} (${python} does not exist)`);
  return python;
}

/** A shim failure caused by a package the virtualenv lacks reads as the same instruction. */
export function explainShimFailure(message: string): string {
  return /ModuleNotFoundError|ImportError|NamespaceNotFound|No module named/.test(message)
    ? `${MISSING_VENV_MESSAGE} (${message})`
    : message;
}
