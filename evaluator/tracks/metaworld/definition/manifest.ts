/** The Meta-World bundle kinds; the schemas live in evaluator/protocol/manifest.ts with every other kind. */
export {
  metaworldAgentManifestSchema,
  metaworldManifestSchema,
  metaworldPolicyManifestSchema,
  type MetaWorldManifest,
} from "../../../protocol/manifest";
