import { getSubmissionView, type Viewer } from "@/db/queries/views";
import { AppError } from "@/lib/core/errors";
import { idSchema } from "@/lib/http/identifiers";
import { getDatabase } from "./context";

export type SubmissionView = NonNullable<Awaited<ReturnType<typeof getSubmissionView>>>;

/** A submission as the viewer may see it (the owner gets the log and failure details); a hidden one is 404. */
export async function findSubmissionView(input: { id: string; viewer: Viewer }): Promise<SubmissionView> {
  // Pages pass their path parameter as it came: an id that is no UUID names nothing and never reaches a query.
  const submission = idSchema.safeParse(input.id).success ? await getSubmissionView(getDatabase().db, input) : undefined;
  if (!submission) throw new AppError("submission_not_found", `No submission ${input.id}.`, 404);
  return submission;
}
