import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { submissions } from "@/db/schema";
import type { FewshotSpec } from "@/lib/benchmark-spec";
import { evaluateUnitJob } from "@/lib/jobs";
import type { Role } from "@/db/queries/users";
import { acceptSubmission } from "@/lib/submissions/accept";
import { learnerFiles, packFiles, UNIFORM_LEARNER, type TestPlatform } from "@/testing/platform/submission-loop";
import { createBenchmark } from "@/testing/platform/fixtures";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

/** Test helpers for re-evaluation: entries accepted the normal way on the current version, then given a new version. */

/** A learner bundle named `name` (its own content, so its own sha256), accepted on `slug` and marked scored. */
export async function submitScoredEntry(
  platform: TestPlatform,
  input: { slug: string; user: { id: string; role: Role }; name: string; teamId?: string; isBaseline?: boolean },
) {
  const upload = await packFiles(learnerFiles(input.name, UNIFORM_LEARNER));
  const { submissionId } = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user: input.user,
    benchmarkSlug: input.slug,
    upload,
    teamId: input.teamId,
    isBaseline: input.isBaseline,
  }).finally(() => removeUpload(upload));
  // How it got its scores does not matter here; what matters is that it is an entry of its version.
  const [row] = await platform.db
    .update(submissions)
    .set({ status: "scored", finishedAt: new Date() })
    .where(eq(submissions.id, submissionId))
    .returning();
  return row!;
}

/** Publishes a new version of `slug` by changing its spec (the phase stays). */
export async function publishNewVersion(db: Database["db"], slug: string, overrides: Partial<FewshotSpec>) {
  return createBenchmark(db, { slug, spec: smallFewshotSpec(overrides) });
}

/** The queue jobs of one submission, with their priority. */
export async function jobsOf(db: Database["db"], submissionId: string) {
  return db.execute<{ id: string; priority: number; unit_id: string }>(sql`
    select id, priority, data->>'unitId' as unit_id from pgboss.job
    where name like ${`${evaluateUnitJob.name}%`} and data->>'submissionId' = ${submissionId}`);
}

/** Removes a packed upload's temporary folder (the store keeps its own copy of an accepted bundle). */
export function removeUpload(upload: { path: string }) {
  fs.rmSync(path.dirname(upload.path), { recursive: true, force: true });
}
