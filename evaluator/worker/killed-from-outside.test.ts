import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { asc, eq } from "drizzle-orm";
import { countQuotaUse } from "@/db/queries/submissions";
import { evaluationAttempts } from "@/db/schema";
import { acceptSubmission } from "@/lib/submissions/accept";
import type { RunningWorker } from "@/evaluator/worker";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { type TestPlatform, createTestPlatform, learnerFiles, packFiles } from "@/testing/platform/submission-loop";
import { pollFor } from "@/testing/platform/wait";
import { startTestWorker, waitForFinish } from "@/testing/platform/worker";

// `kill -9` of the sandboxed runtime by someone outside the sandbox (the host's OOM killer, an operator) is the
// platform's fault: the attempt says so, the unit is retried and scored, and nothing is charged to the competitor.
let platform: TestPlatform;
let worker: RunningWorker | undefined;
const uploads: string[] = [];
before(async () => (platform = await createTestPlatform()));
after(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  for (const upload of uploads) fs.rmSync(path.dirname(upload), { recursive: true, force: true });
  await platform?.close();
});

/** Takes its time over the first episode of every sandbox, so there is a moment to kill it in. */
const SLOW_START_LEARNER = `export default function create() {
  let ways = 2;
  let first = true;
  return {
    async adapt(support) {
      ways = support.ways;
      if (first) await new Promise((resolve) => setTimeout(resolve, 3000));
      first = false;
    },
    predict(query) {
      return Array.from({ length: query.images.shape[0] }, () => Array.from({ length: ways }, () => 1 / ways));
    },
  };
}
`;

/** Pids of this process's descendants that run the sandbox runtime under node (not the bwrap wrapping it). */
function sandboxedRuntimes(): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!pid) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      parentOf.set(pid, Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parentOf.get(pid); p; p = parentOf.get(p)) if (p === process.pid) return true;
    return false;
  };
  return [...parentOf.keys()].filter((pid) => {
    if (!descends(pid)) return false;
    const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return path.basename(argv[0] ?? "").startsWith("node") && argv.some((a) => a.endsWith("runtime.mjs"));
  });
}

test("kill -9 of the sandboxed process from outside: a platform fault, retried, scored, not charged", async () => {
  const user = await createUser(platform.db, { email: "kim@example.org" });
  const { phase } = await createBenchmark(platform.db, { slug: "killed-outside" });
  const upload = await packFiles(learnerFiles("slow-start", SLOW_START_LEARNER));
  uploads.push(upload.path);
  const { submissionId } = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user,
    benchmarkSlug: "killed-outside",
    upload,
  });
  worker = await startTestWorker(platform, {
    host: "test-host",
    concurrency: 1,
  });

  // No event says the sandbox is up (its backend is recorded without one, and its process is looked for): polled.
  const victim = await pollFor("the sandbox to be up", async () => {
    const [attempt] = await platform.db
      .select()
      .from(evaluationAttempts)
      .where(eq(evaluationAttempts.submissionId, submissionId));
    const pids = attempt?.backend ? sandboxedRuntimes() : [];
    return pids.length === 1 ? { attempt: attempt!, pid: pids[0]! } : undefined;
  });
  process.kill(victim.pid, "SIGKILL");

  const scored = await waitForFinish(platform, submissionId, "the submission to finish");
  assert.equal(scored.status, "scored", scored.failureReason ?? "");
  const attempts = await platform.db
    .select()
    .from(evaluationAttempts)
    .where(eq(evaluationAttempts.submissionId, submissionId))
    .orderBy(asc(evaluationAttempts.startedAt));
  const killed = attempts.find((a) => a.id === victim.attempt.id)!;
  assert.equal(killed.status, "failed");
  assert.equal(killed.errorKind, "platform");
  assert.match(killed.error ?? "", /killed from outside \(SIGKILL by the host, not by one of its own limits\)/);
  // Its unit ran again and succeeded; every other attempt succeeded too.
  const retried = attempts.filter((a) => a.unitId === killed.unitId && a.id !== killed.id);
  assert.equal(retried.length, 1);
  assert.ok(attempts.filter((a) => a.id !== killed.id).every((a) => a.status === "succeeded"));
  const use = await countQuotaUse(platform.db, {
    phaseId: phase.id,
    teamId: null,
    userId: user.id,
    since: new Date(0),
  });
  assert.equal(use.userFailuresInWindow, 0);
});
