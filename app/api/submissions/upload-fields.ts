import { z } from "zod";
import { slugSchema } from "@/lib/http/identifiers";
import { nameText } from "@/lib/core/user-text";

/** The text fields of `POST /api/submissions` (multipart; the archive itself is the file field `bundle`). */
export const uploadFieldsSchema = z.object({
  benchmark: z
    .string({ error: "required (the benchmark's slug)" })
    .trim()
    .min(1, "required (the benchmark's slug)")
    .pipe(slugSchema),
  name: nameText({ max: 100 }).optional(),
  // Any other team id is the domain's to refuse (403: not a member), as for a team of someone else.
  team: nameText({ max: 100 }).optional(),
});

export const BUNDLE_FIELD = "bundle";
