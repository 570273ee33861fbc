/** The RL bundle kinds of the Atari track; the schemas live in lib/manifest.ts with every other kind. */
import type { z } from "zod";
import { agentManifestSchema, atariManifestSchema, policyManifestSchema } from "../../../lib/manifest";

export { agentManifestSchema, policyManifestSchema };
export const rlManifestSchema = atariManifestSchema;

export type AgentManifest = z.infer<typeof agentManifestSchema>;
export type PolicyManifest = z.infer<typeof policyManifestSchema>;
export type RlManifest = z.infer<typeof rlManifestSchema>;
