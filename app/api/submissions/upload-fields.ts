import { z } from "zod";

/** The text fields of `POST /api/submissions` (multipart; the archive itself is the file field `bundle`). */
export const uploadFieldsSchema = z.object({
  benchmark: z.string({ error: "required (the benchmark's slug)" }).trim().min(1, "required (the benchmark's slug)"),
  name: z.string().trim().min(1).max(100).optional(),
  team: z.string().trim().min(1).optional(),
});

export const BUNDLE_FIELD = "bundle";
