import { UserCodeError } from "../../../lib/core/errors";
import type { Frame } from "../../protocol/framing";
import { ACTION_SIZE } from "./definition/tasks";

/**
 * Checks an agent's reply and returns its action: a `continuousAction` message whose float32 tensor `action` holds
 * ACTION_SIZE finite numbers. `returned` holds them as the agent returned them (what RL²'s previous action repeats, as
 * metaworld's wrapper repeats what it is given); `clipped` is what the environment steps with: values outside [-1, 1]
 * clipped, as Meta-World itself does. Anything else fails with UserCodeError("output", ...) naming the step and the
 * exact problem.
 */
export function readContinuousAction(reply: Frame, step: string): { returned: number[]; clipped: number[] } {
  const fail = (problem: string): never => {
    throw new UserCodeError("output", `${step}: ${problem}`);
  };
  const wanted = `act() must return ${ACTION_SIZE} finite numbers (hand dx, dy, dz, gripper)`;
  if (reply.header.type === "action") {
    // The runtime found no numbers in what act() returned; `got` says what it was.
    const { got } = reply.header as { got?: unknown };
    fail(`${wanted}; it returned ${typeof got === "string" ? got : "something else"}`);
  }
  if (reply.header.type !== "continuousAction") fail(`expected an action reply, got "${String(reply.header.type)}"`);
  const tensor = reply.tensors.action;
  if (!tensor || tensor.dtype !== "float32" || tensor.shape.length !== 1 || Object.keys(reply.tensors).length !== 1) {
    fail(`the reply must carry one float32 rank-1 tensor "action"`);
  }
  const values = Array.from(tensor!.data as Float32Array);
  if (values.length !== ACTION_SIZE) fail(`${wanted}; it returned ${values.length} values`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail(`${wanted}; value ${bad} is ${values[bad]}`);
  return { returned: values, clipped: values.map((v) => Math.min(1, Math.max(-1, v))) };
}
