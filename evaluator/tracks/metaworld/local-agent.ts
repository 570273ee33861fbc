import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { UserCodeError } from "../../../lib/core/errors";
import { MANIFEST_FILE } from "../../protocol/manifest";
import type { Frame, FrameHeader, WireTensors } from "../../protocol/framing";
import type { MetaWorldAgentTask } from "../../protocol/messages";
import {
  answer,
  createMetaWorldAgent,
  type MetaWorldAgent,
  type MetaWorldAgentFactory,
} from "../../runtime/metaworld-agent";
import type { TrackSession } from "../runner-types";
import { metaworldAgentManifestSchema } from "./definition/manifest";

export type { MetaWorldAgent, MetaWorldAgentFactory };

/**
 * Answers the Meta-World exchange with an agent run in this process, through the runtime's own code
 * (runtime/metaworld-agent.ts): for trusted agents only (the baselines' tests, the bridge bench, tests of the
 * driver). Submissions run in the sandbox. A failure of the agent is a UserCodeError, as the sandbox reports it.
 */
export function inProcessSession(factory: MetaWorldAgentFactory, options: Record<string, unknown> = {}): TrackSession {
  let agent: MetaWorldAgent | undefined;
  return {
    async request(message: FrameHeader, tensors?: WireTensors): Promise<Frame> {
      try {
        if (message.type === "init") {
          agent = await createMetaWorldAgent(factory, { options, task: message.task as MetaWorldAgentTask });
          return { header: { type: "ready" }, tensors: {} };
        }
        if (!agent) throw new Error(`"${message.type}" before init`);
        return await answer(agent, message, tensors?.observation?.data as Float32Array | undefined);
      } catch (error) {
        throw new UserCodeError("runtime", (error as Error).message);
      }
    },
  };
}

/** The factory a trusted bundle directory's entry module default-exports (a baseline's heldout.json names it). */
export async function loadAgentFactory(
  bundleDir: string,
): Promise<{ factory: MetaWorldAgentFactory; options: Record<string, unknown> }> {
  const manifest = metaworldAgentManifestSchema.parse(
    JSON.parse(await readFile(path.join(bundleDir, MANIFEST_FILE), "utf8")),
  );
  const module = (await import(pathToFileURL(path.resolve(bundleDir, manifest.entry)).href)) as {
    default: MetaWorldAgentFactory;
  };
  return { factory: module.default, options: manifest.options };
}
