import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { evaluationAttempts } from "@/db/schema";
import { UNIT_RETRY_LIMIT } from "@/lib/queue";
import { acceptSubmission } from "@/lib/submissions/accept";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import type { RunningWorker } from "@/evaluator/worker";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { startTestWorker, waitForFinish } from "@/testing/platform/worker";

// No unit can crash a worker: not one whose log and error PostgreSQL would refuse as they are (a NUL), and not one
// whose outcome the database refuses to record. The unit fails (as the platform's fault when its outcome could not
// be recorded: retried, never charged), the cause is logged, nothing escapes as an unhandled rejection, and the
// worker scores the next submission.
let platform: TestPlatform;
let worker: RunningWorker;
const archives: string[] = [];
const lines: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

before(async () => {
  process.on("unhandledRejection", onUnhandled);
  platform = await createTestPlatform();
  // The database itself refuses to record a user failure of an attempt whose log says so: a real refusal on the
  // recording path, as a full disk or a dropped connection would give.
  await platform.db.execute(
    sql.raw(`
    create function refuse_recording() returns trigger language plpgsql as $$
    begin
      if new.error_kind = 'user' and new.log like '%refuse-to-record%' then
        raise exception 'recording refused for this test';
      end if;
      return new;
    end $$;
    create trigger refuse_recording before update on evaluation_attempts for each row execute function refuse_recording();
  `),
  );
  worker = await startTestWorker(platform, { log: (line) => lines.push(line) });
});

after(async () => {
  process.off("unhandledRejection", onUnhandled);
  await worker?.stop({ timeoutMs: 1000 });
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  await platform?.close();
});

const NUL_THROWER = `export default function create() {
  return {
    adapt() {
      process.stdout.write("nul\\u0000in the log, bad bytes ");
      process.stdout.write(new Uint8Array([0xff, 0xfe, 0x0a]));
      throw new Error("nul\\u0000in the message \\ud800");
    },
    predict() { return []; },
  };
}
`;

const REFUSED = `export default function create() {
  return {
    adapt() { console.log("refuse-to-record"); throw new Error("boom"); },
    predict() { return []; },
  };
}
`;

async function submit(slug: string, files: Record<string, string>, user: Awaited<ReturnType<typeof createUser>>) {
  const upload = await packFiles(files);
  archives.push(upload.path);
  return (
    await acceptSubmission({
      db: platform.db,
      queue: platform.queue,
      store: platform.store,
      user,
      benchmarkSlug: slug,
      upload,
    })
  ).submissionId;
}

test("a learner whose log and error hold NUL and invalid UTF-8 fails as its own fault, with its text kept safely", async () => {
  const user = await createUser(platform.db, { email: "nul@example.org" });
  await createBenchmark(platform.db, { slug: "nul-bytes" });
  const bad = await submit("nul-bytes", learnerFiles("nul", NUL_THROWER), user);
  const good = await submit("nul-bytes", learnerFiles("uniform", UNIFORM_LEARNER), user);

  const failed = await waitForFinish(platform, bad);
  assert.equal(failed.failureKind, "user", `failed as ${failed.failureKind}: ${failed.failureReason}`);
  assert.match(failed.failureReason ?? "", /nul\u2400in the message \uFFFD/);
  const [attempt] = await platform.db.select().from(evaluationAttempts).where(eq(evaluationAttempts.submissionId, bad));
  assert.match(attempt!.log ?? "", /nul\u2400in the log, bad bytes \uFFFD\uFFFD/);
  assert.equal((await waitForFinish(platform, good)).status, "scored");
  assert.deepEqual(unhandled, []);
});

test("an outcome the database refuses to record fails the unit as a platform fault, retried and not charged", async () => {
  const user = await createUser(platform.db, { email: "refused@example.org" });
  await createBenchmark(platform.db, { slug: "refused", phase: { quotaTotal: 2 } });
  const refused = await submit("refused", learnerFiles("refused", REFUSED), user);
  const good = await submit("refused", learnerFiles("uniform", UNIFORM_LEARNER), user);

  const failed = await waitForFinish(platform, refused);
  assert.equal(failed.failureKind, "platform", `failed as ${failed.failureKind}: ${failed.failureReason}`);
  assert.match(failed.failureReason ?? "", /does not count against your quota/);
  const attempts = await platform.db
    .select()
    .from(evaluationAttempts)
    .where(eq(evaluationAttempts.submissionId, refused));
  const triesPerUnit = new Map<string, number>();
  for (const a of attempts) triesPerUnit.set(a.unitId, (triesPerUnit.get(a.unitId) ?? 0) + 1);
  assert.equal(
    Math.max(...triesPerUnit.values()),
    UNIT_RETRY_LIMIT + 1,
    "the unit that ran out had one try and every retry",
  );
  for (const a of attempts) {
    assert.equal(a.errorKind, "platform");
    assert.match(a.error ?? "", /could not be recorded: recording refused for this test/);
  }
  assert.ok(
    lines.some((l) => /recording its outcome .*boom.* failed: recording refused/.test(l)),
    "the cause is logged",
  );
  assert.equal((await waitForFinish(platform, good)).status, "scored", "the worker went on to the next job");
  // The platform's fault was not charged: with a quota of two, a third submission is still accepted.
  assert.ok(await submit("refused", learnerFiles("uniform", UNIFORM_LEARNER), user));
  assert.deepEqual(unhandled, []);
});
