import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { builtinBenchmarks, seededRlBenchmarks } from "@/benchmarks/builtin";
import { type TestPlatform, createTestPlatform } from "@/testing/platform/submission-loop";
import { benchmarks, benchmarkVersions, phases, submissions, users } from "../../db/schema";
import { DEFAULT_PHASE, seedPlatform, SYSTEM_USER_EMAIL } from "./seed";

// Seeding twice gives the same platform as seeding once.
let platform: TestPlatform;

before(async () => {
  platform = await createTestPlatform();
});

after(async () => {
  await platform?.close();
});

async function snapshot() {
  const [row] = await platform.db.execute<{
    benchmarks: number;
    versions: number;
    phases: number;
    submissions: number;
    jobs: number;
  }>(sql`
    select (select count(*)::int from ${benchmarks}) as benchmarks, (select count(*)::int from ${benchmarkVersions}) as versions,
           (select count(*)::int from ${phases}) as phases, (select count(*)::int from ${submissions}) as submissions,
           (select count(*)::int from pgboss.job) as jobs`);
  return row!;
}

const FEWSHOT_BASELINES = ["finetune-conv4", "protonet-conv4", "r2d2-conv4", "random"];
const TRACK_BASELINES = {
  atari: ["atari-drq", "atari-random"],
  metaworld: ["metaworld-cem", "metaworld-random"],
} as const;

test("seeding is idempotent: built-in benchmarks and RL boards, one version and one open phase each, baselines queued once", async () => {
  const first = await seedPlatform({ db: platform.db, queue: platform.queue, store: platform.store });
  const once = await snapshot();
  const second = await seedPlatform({ db: platform.db, queue: platform.queue, store: platform.store });
  assert.deepEqual(await snapshot(), once);
  assert.deepEqual(second.baselinesQueued, []);

  const expected = [
    ...builtinBenchmarks.map((b) => b.slug),
    "atari-demo-pong-boxing",
    "metaworld-demo-ml1-reach",
    "atari-100k",
    "metaworld-ml10",
    "metaworld-ml45",
  ];
  assert.deepEqual(first.benchmarks, expected);
  assert.deepEqual(second.benchmarks, expected);
  assert.equal(once.benchmarks, expected.length);
  assert.equal(once.versions, expected.length);
  assert.equal(once.phases, expected.length);
  for (const phase of await platform.db.select().from(phases)) {
    assert.equal(phase.quotaPerDay, DEFAULT_PHASE.quotaPerDay);
    assert.equal(phase.revealAt, null, "private scores stay hidden until an organizer sets a reveal time");
    assert.equal(phase.closesAt, null);
  }
  // Every few-shot baseline fits the glyphs (28×28×1, every few-shot kind), labelled by its manifest's name; each RL
  // board gets its own track's two baselines and no other. Each queued baseline is a baseline submission of the system user.
  assert.deepEqual(
    [...first.baselinesQueued].sort(),
    [
      ...builtinBenchmarks.flatMap((b) => FEWSHOT_BASELINES.map((name) => `${b.slug}/${name}`)),
      ...seededRlBenchmarks.flatMap(({ definition }) =>
        TRACK_BASELINES[definition.track as "atari" | "metaworld"].map((name) => `${definition.slug}/${name}`),
      ),
    ].sort(),
  );
  for (const b of builtinBenchmarks) {
    for (const name of ["metaworld-random", "metaworld-cem", "atari-random", "atari-drq"]) {
      assert.ok(first.baselinesSkipped.includes(`${b.slug}/${name}`), `${b.slug}/${name} skipped`);
    }
  }
  for (const { definition } of seededRlBenchmarks) {
    assert.ok(
      first.baselinesSkipped.includes(`${definition.slug}/protonet-conv4`),
      `${definition.slug}: no few-shot baseline`,
    );
  }
  const [system] = await platform.db.select().from(users).where(eq(users.email, SYSTEM_USER_EMAIL));
  assert.equal(system!.passwordHash, null, "the system user cannot sign in");
  const baselineRows = await platform.db.select().from(submissions);
  assert.equal(baselineRows.length, first.baselinesQueued.length);
  assert.ok(baselineRows.every((s) => s.isBaseline && s.userId === system!.id && s.status === "queued"));
});
