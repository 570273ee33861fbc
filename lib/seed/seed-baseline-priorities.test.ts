import assert from "node:assert/strict";
import { createUser } from "@/testing/platform/fixtures";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { sql } from "drizzle-orm";
import { packBundle } from "@/evaluator/bundle";
import { seededRlBenchmarks } from "@/benchmarks/builtin";
import { acceptSubmission } from "@/lib/submissions/accept";
import { JOB_PRIORITY } from "@/lib/submissions/queue-evaluation";
import { createTestPlatform, type TestPlatform } from "@/testing/platform/submission-loop";
import { BASELINE_DIRS, seedPlatform } from "./seed";

// A fresh seed queues the standard RL boards' baselines in the background and every other board's at the baselines'
// usual priority; the real queue then hands out a competitor's units first, the demo and glyph boards' baselines
// next, and the standard boards' last.
let platform: TestPlatform;

before(async () => {
  platform = await createTestPlatform();
});

after(async () => {
  await platform?.close();
});

type JobRow = { id: string; slug: string; name: string; is_baseline: boolean; priority: number };

async function waitingJobs(): Promise<JobRow[]> {
  return [
    ...(await platform.db.execute<JobRow>(sql`
      select j.id::text as id, b.slug, s.name, s.is_baseline, j.priority from pgboss.job j
      join submissions s on s.id = j.data->>'submissionId' join benchmarks b on b.id = s.benchmark_id
      where j.state = 'created'`)),
  ];
}

const background = new Set(
  seededRlBenchmarks.filter((b) => b.baselines === "background").map((b) => b.definition.slug),
);

test("a fresh seed queues the standard boards' baselines in the background and the demo and glyph boards' at normal priority", async () => {
  await seedPlatform({ db: platform.db, queue: platform.queue, store: platform.store });
  assert.deepEqual([...background].sort(), ["atari-100k", "metaworld-ml10", "metaworld-ml45"]);
  const jobs = await waitingJobs();
  for (const slug of [
    "atari-demo-pong-boxing",
    "metaworld-demo-ml1-reach",
    "glyphs-5way-1shot",
    "atari-100k",
    "metaworld-ml45",
  ]) {
    assert.ok(
      jobs.some((j) => j.slug === slug),
      `${slug} has queued baseline units`,
    );
  }
  // Atari 100K: 26 games × (5 public + 5 private runs) per baseline, two baselines.
  assert.equal(jobs.filter((j) => j.slug === "atari-100k").length, 2 * 26 * 10);
  for (const job of jobs) {
    const expected = background.has(job.slug) ? JOB_PRIORITY.backgroundBaseline : JOB_PRIORITY.baseline;
    assert.equal(job.priority, expected, `${job.slug}/${job.name}`);
  }
  assert.ok(JOB_PRIORITY.backgroundBaseline < JOB_PRIORITY.reevaluation, "behind re-evaluations too");
});

test("the real queue hands out a competitor's units submitted after the seed first, then the normal baselines, the standard boards' last", async () => {
  const archive = await packBundle(BASELINE_DIRS.find((dir) => path.basename(dir) === "atari-random")!);
  const competitor = await acceptSubmission({
    db: platform.db,
    queue: platform.queue,
    store: platform.store,
    user: await createUser(platform.db, { email: "newcomer@example.org" }),
    benchmarkSlug: "atari-demo-pong-boxing",
    name: "my-first-agent",
    upload: { path: archive, bytes: fs.statSync(archive).size },
  }).finally(() => fs.rmSync(path.dirname(archive), { recursive: true, force: true }));
  const waiting = await waitingJobs();
  const competitorUnits = waiting.filter((j) => !j.is_baseline);
  const normal = waiting.filter((j) => j.is_baseline && !background.has(j.slug));
  assert.equal(competitorUnits.length, 4, "Pong and Boxing, one public and one private run");

  const claimedSubmissionSlugs: string[] = [];
  for (let i = 0; i < competitorUnits.length + normal.length + 1; i++) {
    const job = await platform.queue.claim({});
    assert.ok(job, `claim ${i + 1}`);
    const row = waiting.find((j) => j.id === job.id)!;
    claimedSubmissionSlugs.push(row.is_baseline ? `${row.slug}/${row.name}` : "competitor");
    if (!row.is_baseline) assert.equal((job.data as { submissionId: string }).submissionId, competitor.submissionId);
  }
  assert.deepEqual(
    claimedSubmissionSlugs.slice(0, competitorUnits.length),
    competitorUnits.map(() => "competitor"),
  );
  const middle = claimedSubmissionSlugs.slice(competitorUnits.length, -1);
  assert.ok(
    middle.every((label) => !background.has(label.split("/")[0]!)),
    `normal baselines before the background: ${middle.join(", ")}`,
  );
  assert.ok(
    background.has(claimedSubmissionSlugs.at(-1)!.split("/")[0]!),
    "a background unit only once nothing else waits",
  );
});

test("a worker's last free slot takes no background unit: claims above the background band find none left", async () => {
  const waiting = await waitingJobs();
  assert.ok(waiting.length > 0 && waiting.every((j) => background.has(j.slug)), "only background units wait now");
  assert.equal(await platform.queue.claim({}, { minPriority: JOB_PRIORITY.backgroundBaseline + 1 }), undefined);
  assert.ok(await platform.queue.claim({}), "a slot that leaves another free still takes one");
});
