import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { sql } from "drizzle-orm";
import { PNG } from "pngjs";
import { CIFAR100_FINE_NAMES, superclassOf } from "@/benchmarks/datasets/cifar100/names";
import { importScratch, writeFakeStore } from "@/testing/datasets/stores";
import { createTestDatabase } from "@/testing/platform/database";
import { evaluateUnitJob } from "@/lib/jobs";
import { openBundleStore } from "@/lib/storage";
import { captureIo } from "@/testing/cli/capture-io";
import { run } from "./import";
import { registerImport } from "./import-register";
import { writeTree } from "@/testing/files";

// An import with a database creates its benchmarks AND queues their baselines at once (real Postgres, real pg-boss).
const database = await createTestDatabase();
const scratch = importScratch();
const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-import-store-"));
const store = openBundleStore(storeDir);

before(() => {
  // The command reads its configuration once, from the environment: this process's database and bundle store.
  process.env.DATABASE_URL = database.url;
  process.env.HELDOUT_STORAGE = storeDir;
});

after(async () => {
  scratch.remove();
  fs.rmSync(storeDir, { recursive: true, force: true });
  await database.drop();
});

/** Per benchmark slug: its baseline submissions (by name) and how many evaluate-unit jobs they have in pg-boss. */
async function baselineJobs(): Promise<Map<string, { names: string[]; jobs: number }>> {
  const rows = await database.db.execute<{ slug: string; name: string; jobs: number }>(sql`
    select b.slug, s.name, (select count(*)::int from pgboss.job j where j.name like ${`${evaluateUnitJob.name}%`} and j.data->>'submissionId' = s.id::text) as jobs
    from submissions s join benchmarks b on b.id = s.benchmark_id where s.is_baseline order by b.slug, s.name`);
  const bySlug = new Map<string, { names: string[]; jobs: number }>();
  for (const row of rows) {
    const entry = bySlug.get(row.slug) ?? { names: [], jobs: 0 };
    entry.names.push(row.name);
    entry.jobs += row.jobs;
    bySlug.set(row.slug, entry);
  }
  return bySlug;
}

test("heldout import folder with DATABASE_URL creates the benchmark and queues the baselines that fit it", async () => {
  const png = (value: number) => {
    const image = new PNG({ width: 8, height: 8 });
    for (let p = 0; p < 64; p++) image.data.set([value, value, value, 255], p * 4);
    return PNG.sync.write(image);
  };
  const classes = ["ash", "birch", "cedar", "elm", "fir", "oak"];
  const files: Record<string, Buffer | string> = {
    "split.yaml": "train: [ash, birch, cedar]\ntest: [elm, fir, oak]\n",
    "benchmark.yaml": `slug: bark-3way-1shot\ntitle: Bark 3-way 1-shot\ndataset:\n  name: bark\n  folder: bark\n  split: split.yaml\n  imageSize: [28, 28]\n  channels: 1\nways: 3\nshots: 1\nqueries: 2\npartitions:\n  public: { episodes: 4, seed: 1 }\n  private: { episodes: 4 }\n`,
  };
  classes.forEach((name, c) => {
    for (let i = 0; i < 4; i++) files[`bark/${name}/img${i}.png`] = png(c * 40 + i);
  });
  writeTree(scratch.input, files);

  const capture = captureIo();
  assert.equal(
    await run(["folder", path.join(scratch.input, "benchmark.yaml"), "--datasets", scratch.datasetsDir], capture.io),
    0,
  );
  assert.match(capture.out(), /^Benchmarks ready: bark-3way-1shot$/m);
  assert.match(capture.out(), /^Baselines queued for evaluation: .*bark-3way-1shot\/random/m);
  // 28×28×1 grayscale: every few-shot baseline fits, the model-based ones included; each has its jobs.
  const queued = (await baselineJobs()).get("bark-3way-1shot");
  assert.deepEqual(queued?.names, ["finetune-conv4", "protonet-conv4", "r2d2-conv4", "random"]);
  assert.ok(queued!.jobs >= queued!.names.length, `${queued!.jobs} jobs for ${queued!.names.length} baselines`);

  // Importing again changes nothing: no second submission, no new job.
  const again = captureIo();
  assert.equal(
    await run(["folder", path.join(scratch.input, "benchmark.yaml"), "--datasets", scratch.datasetsDir], again.io),
    0,
  );
  assert.match(again.out(), /^Baselines: none to queue/m);
  assert.deepEqual((await baselineJobs()).get("bark-3way-1shot"), queued);
});

test("a complete standard import queues each standard benchmark's baselines, by input shape", async () => {
  await writeFakeStore(scratch.datasetsDir, {
    name: "cifar100",
    imageShape: [32, 32, 3],
    classes: 100,
    perClass: 20,
    className: (i) => CIFAR100_FINE_NAMES[i]!,
    group: (i) => superclassOf(CIFAR100_FINE_NAMES[i]!),
    complete: true,
  });
  const lines: string[] = [];
  const result = await registerImport({
    databaseUrl: database.url,
    datasetsDir: scratch.datasetsDir,
    store,
    log: (line) => lines.push(line),
  });
  assert.deepEqual(result.registered, [
    "cifar-fs-5way-1shot",
    "cifar-fs-5way-5shot",
    "fc100-5way-1shot",
    "fc100-5way-5shot",
  ]);
  const jobs = await baselineJobs();
  for (const slug of result.registered) {
    // 32×32×3: the 28×28×1 Conv-4 models (the R2-D2 learner's own included) do not fit; the random learner does.
    assert.deepEqual(jobs.get(slug)?.names, ["random"], slug);
    assert.ok(jobs.get(slug)!.jobs >= 1, `${slug} has its job`);
  }
  assert.deepEqual(result.queued.sort(), result.registered.map((slug) => `${slug}/random`).sort());
});

test("a dataset folder with nothing imported registers and queues nothing", async () => {
  const lines: string[] = [];
  const result = await registerImport({
    databaseUrl: database.url,
    datasetsDir: path.join(scratch.root, "empty"),
    store,
    log: (line) => lines.push(line),
  });
  assert.deepEqual(result, { registered: [], queued: [] });
  assert.deepEqual(lines, []);
});
