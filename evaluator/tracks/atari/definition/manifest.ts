/** The RL bundle kinds of the Atari track; the schemas live in evaluator/protocol/manifest.ts with every other kind. */
import {
  agentManifestSchema,
  atariManifestSchema,
  policyManifestSchema,
  type AtariManifest,
} from "../../../protocol/manifest";

export { agentManifestSchema, policyManifestSchema };
export type { AgentManifest, PolicyManifest } from "../../../protocol/manifest";
export const rlManifestSchema = atariManifestSchema;
export type RlManifest = AtariManifest;
