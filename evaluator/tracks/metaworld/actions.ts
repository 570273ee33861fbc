import { UserCodeError } from "../../../lib/errors";
import type { Frame } from "../../protocol/framing";
import { ACTION_SIZE } from "./tasks";

/**
 * Checks an agent's reply and returns its action: an `action` message holding ACTION_SIZE finite numbers. Values
 * outside [-1, 1] are clipped, as Meta-World itself does; anything else fails with UserCodeError("output", ...)
 * naming the step and the exact problem.
 */
export function readContinuousAction(reply: Frame, step: string): number[] {
  const fail = (problem: string): never => {
    throw new UserCodeError("output", `${step}: ${problem}`);
  };
  if (reply.header.type !== "action") fail(`expected an "action" reply, got "${String(reply.header.type)}"`);
  const { action, got } = reply.header as { action?: unknown; got?: unknown };
  const wanted = `act() must return ${ACTION_SIZE} finite numbers (hand dx, dy, dz, gripper)`;
  if (!Array.isArray(action)) fail(`${wanted}; it returned ${typeof got === "string" ? got : describe(action)}`);
  const values = action as unknown[];
  if (values.length !== ACTION_SIZE) fail(`${wanted}; it returned ${values.length} values`);
  const bad = values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
  if (bad >= 0) fail(`${wanted}; value ${bad} is ${describe(values[bad])}`);
  return (values as number[]).map((v) => Math.min(1, Math.max(-1, v)));
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "number") return String(value);
  return typeof value;
}
