/** The Meta-World bundle kinds; the schemas live in lib/manifest.ts with every other kind. */
import type { z } from "zod";
import { metaworldAgentManifestSchema, metaworldManifestSchema, metaworldPolicyManifestSchema } from "../../../lib/manifest";

export { metaworldAgentManifestSchema, metaworldManifestSchema, metaworldPolicyManifestSchema };

export type MetaWorldManifest = z.infer<typeof metaworldManifestSchema>;
