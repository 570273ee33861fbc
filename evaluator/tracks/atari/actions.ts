import { UserCodeError } from "../../../lib/core/errors";
import type { Frame } from "../../protocol/framing";

/**
 * Checks an agent's reply and returns its action: an `action` message holding an integer in [0, actions).
 * Throws UserCodeError("output", ...) naming the step and the exact problem.
 */
export function readAction(reply: Frame, expected: { actions: number; step: string }): number {
  const fail = (problem: string): never => {
    throw new UserCodeError("output", `${expected.step}: ${problem}`);
  };
  if (reply.header.type !== "action") fail(`expected an "action" reply, got "${String(reply.header.type)}"`);
  const { action, got } = reply.header as { action?: unknown; got?: unknown };
  const wanted = `act() must return an integer action in [0, ${expected.actions})`;
  if (action === null || action === undefined)
    fail(`${wanted}; it returned ${typeof got === "string" ? got : "nothing usable"}`);
  if (typeof action !== "number" || !Number.isInteger(action)) fail(`${wanted}; it returned ${String(action)}`);
  if ((action as number) < 0 || (action as number) >= expected.actions)
    fail(`${wanted}; it returned ${String(action)}, out of range`);
  return action as number;
}
