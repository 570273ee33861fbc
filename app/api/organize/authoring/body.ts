import { z } from "zod";

/** The authored YAML, as the editor holds it; `edit` names the benchmark being edited (a new version). */
export const authoringBodySchema = z
  .object({
    yaml: z.string().max(60_000, "yaml: at most 60,000 characters"),
    edit: z.string().min(1).optional(),
  })
  .strict();
