/**
 * The RL bundle kinds (track "atari"). They join lib/manifest.ts's union once wired in there; until then the
 * protocol and the Atari track use `rlManifestSchema` directly.
 */
import { z } from "zod";
import { bundlePath, methodCardSchema } from "../../../lib/manifest";

const common = {
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "name: letters, digits, '.', '_' or '-', at most 64 characters"),
  method: methodCardSchema.default({ description: "", tags: [] }),
  track: z.literal("atari"),
};

/** Code: an ES module whose default export creates an object with act(observation), observe(transition) and evaluationMode(). */
export const agentManifestSchema = z
  .object({
    ...common,
    kind: z.literal("agent"),
    entry: bundlePath.refine((p) => /\.(mjs|js)$/.test(p), "entry must be an ES module (.mjs or .js)"),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/** No code: a TF.js model mapping stacked frames [B, 84, 84, 4] (float32, 0–255) to action scores [B, actions]. */
export const policyManifestSchema = z
  .object({
    ...common,
    kind: z.literal("policy"),
    model: bundlePath.refine((p) => p.endsWith(".json"), "model must point at a TF.js model.json"),
  })
  .strict();

export const rlManifestSchema = z.discriminatedUnion("kind", [agentManifestSchema, policyManifestSchema]);

export type AgentManifest = z.infer<typeof agentManifestSchema>;
export type PolicyManifest = z.infer<typeof policyManifestSchema>;
export type RlManifest = z.infer<typeof rlManifestSchema>;
