import { z } from "zod";
import { webLink } from "@/evaluator/protocol/manifest";
import { nameText, proseText } from "@/lib/core/user-text";

/**
 * A published result copied from a paper: what the method scored there, as the paper printed it. It is shown beside a
 * benchmark's evaluated entries, never ranked with them (it was not evaluated here, on these episodes or seeds).
 * The one description of it: the route bodies, the stored jsonb and the results shipped with the standard boards.
 */

/** A decimal number as printed, digits kept: "96.0" stays "96.0" (a JSON number would print 96). */
const printedNumber = z
  .string({ error: 'must be a decimal number written as a string, e.g. "98.8"' })
  .regex(/^-?\d{1,12}(\.\d{1,12})?$/, "must be a decimal number as printed, e.g. 98.8 or -0.25");

/** One number as the paper printed it: `value` ± `plusMinus` (absent where the paper gives none). */
export const reportedNumberSchema = z
  .object({
    /** What it measures, e.g. "accuracy", "IQM HNS", "meta-test success rate". */
    metric: nameText({ max: 80 }),
    value: printedNumber,
    plusMinus: printedNumber.refine((v) => !v.startsWith("-"), "must not be negative").optional(),
    /** "percent": the value is printed in percent (98.8 means 98.8%); "plain": as it stands (0.917 HNS). */
    unit: z.enum(["percent", "plain"], { error: "unit is 'percent' or 'plain'" }),
  })
  .strict();
export type ReportedNumber = z.infer<typeof reportedNumberSchema>;

export const reportedResultSchema = z
  .object({
    method: nameText({ max: 120 }),
    /** The paper whose table the numbers are copied from (the method's own paper, or one that quotes it). */
    paper: z
      .object({
        title: nameText({ max: 300 }),
        /** http(s) only, so no `javascript:` or `data:` link ever becomes a clickable href. */
        url: webLink,
        bibtex: proseText({ max: 5000 }),
      })
      .strict(),
    /** Which table of which version, e.g. "Table 1 of arXiv:1703.05175v2". */
    table: nameText({ max: 300 }),
    /** Where that paper quotes the numbers from another one, which (they were not measured by its authors). */
    reportedFrom: proseText({ max: 500 }).optional(),
    numbers: z.array(reportedNumberSchema).min(1, "at least one number").max(16, "at most 16 numbers"),
    /** What the ± means: "95% confidence interval over 600 test episodes", "std over 10 seeds", "none reported". */
    plusMinusMeans: proseText({ max: 300 }),
    /** The paper's protocol where it matters: backbone, episodes or seeds, and how it differs from this benchmark's. */
    protocol: proseText({ max: 2000 }),
  })
  .strict();
export type ReportedResult = z.infer<typeof reportedResultSchema>;

/** A result shipped with a standard board: its key stays the same across releases, so seeding updates it in place. */
export const shippedReportedResultSchema = z
  .object({ key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/), result: reportedResultSchema })
  .strict();
export type ShippedReportedResult = z.infer<typeof shippedReportedResultSchema>;
