/**
 * Meta-World bundle kinds (track "metaworld"): the same `agent` and `policy` kinds as the Atari track, for this track.
 * They join lib/manifest.ts's union once wired in there.
 */
import { z } from "zod";
import { agentManifestSchema, policyManifestSchema } from "../atari/manifest";

const track = { track: z.literal("metaworld") };

/** Code: an ES module whose default export creates an object with startTask(), act(), observe() and adapt() (README.md). */
export const metaworldAgentManifestSchema = agentManifestSchema.extend(track);
/** No code: a TF.js model mapping an observation [1, 39] to an action [1, 4] (non-adaptive). */
export const metaworldPolicyManifestSchema = policyManifestSchema.extend(track);

export const metaworldManifestSchema = z.discriminatedUnion("kind", [metaworldAgentManifestSchema, metaworldPolicyManifestSchema]);
export type MetaWorldManifest = z.infer<typeof metaworldManifestSchema>;
