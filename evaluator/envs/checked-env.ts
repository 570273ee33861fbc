import { PlatformError } from "../../lib/core/errors";
import { elementCount } from "../protocol/framing";
import type { Action, ActionSpace, Env, Observation, ResetResult, StepResult } from "./types";

/** An action outside the action space reached an environment: the caller should have refused it. */
export class InvalidActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidActionError";
  }
}

/**
 * Wraps an environment in the checks of Gymnasium's env checker: every action must lie in the action space, and
 * every observation must match the observation space (length, dtype, no NaN or infinity), every reward be finite,
 * `terminated`/`truncated` be booleans, and no step come after the episode ended without a reset. A bad action
 * throws InvalidActionError; a bad output of the environment is ours and throws PlatformError.
 */
export function checkedEnv(env: Env, name: string): Env {
  let needsReset = true;
  const fail = (problem: string): never => {
    throw new PlatformError(`Environment ${name} ${problem}`);
  };
  const checkObservation = (observation: Observation, during: string) => {
    const { shape, dtype } = env.observationSpace;
    const expected = elementCount(shape);
    const actualDtype =
      observation instanceof Uint8Array ? "uint8" : observation instanceof Float32Array ? "float32" : "other";
    if (actualDtype !== dtype) fail(`returned a ${actualDtype} observation from ${during}; its space is ${dtype}`);
    if (observation.length !== expected)
      fail(
        `returned ${observation.length} observation values from ${during}; its space [${shape.join(",")}] holds ${expected}`,
      );
    if (observation instanceof Float32Array) {
      for (let i = 0; i < observation.length; i++) {
        if (!Number.isFinite(observation[i]))
          fail(`returned a non-finite observation value (${observation[i]}) at ${i} from ${during}`);
      }
    }
  };
  return {
    observationSpace: env.observationSpace,
    actionSpace: env.actionSpace,
    actionMeanings: env.actionMeanings,
    async reset(options): Promise<ResetResult> {
      const result = await env.reset(options);
      checkObservation(result.observation, "reset");
      needsReset = false;
      return result;
    },
    async step(action: Action): Promise<StepResult> {
      if (needsReset) throw new InvalidActionError(`step() on ${name} before reset() or after the episode ended`);
      checkAction(env.actionSpace, action);
      const result = await env.step(action);
      checkObservation(result.observation, "step");
      if (!Number.isFinite(result.reward)) fail(`returned a non-finite reward (${result.reward})`);
      if (typeof result.terminated !== "boolean" || typeof result.truncated !== "boolean")
        fail("returned non-boolean terminated/truncated flags");
      needsReset = result.terminated || result.truncated;
      return result;
    },
    close: () => env.close(),
  };
}

/** Throws InvalidActionError naming the problem when `action` is not in `space`. */
export function checkAction(space: ActionSpace, action: Action): void {
  if (space.kind === "discrete") {
    if (typeof action !== "number" || !Number.isInteger(action) || action < 0 || action >= space.n) {
      throw new InvalidActionError(`action ${describeAction(action)} is not an integer in [0, ${space.n})`);
    }
    return;
  }
  const size = elementCount(space.shape);
  if (!Array.isArray(action) || action.length !== size) {
    throw new InvalidActionError(`action ${describeAction(action)} is not a vector of ${size} numbers`);
  }
  action.forEach((value, i) => {
    if (typeof value !== "number" || !Number.isFinite(value) || value < space.low[i]! || value > space.high[i]!) {
      throw new InvalidActionError(
        `action component ${i} (${String(value)}) is not a finite number in [${space.low[i]}, ${space.high[i]}]`,
      );
    }
  });
}

function describeAction(action: unknown): string {
  return typeof action === "number"
    ? String(action)
    : Array.isArray(action)
      ? `[${action.slice(0, 8).join(", ")}${action.length > 8 ? ", …" : ""}]`
      : typeof action;
}
