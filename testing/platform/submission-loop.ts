import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { packBundle } from "@/evaluator/bundle/index";
import type { Database } from "@/db/client";
import { ensurePhase } from "@/db/queries/benchmarks";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { evaluationUnits, phases, submissions, users } from "@/db/schema/index";
import { createTestDatabase } from "@/testing/platform/database";
import { fewshotSpecSchema, type FewshotSpec } from "@/lib/benchmark-spec";
import { evaluateUnitJob } from "@/lib/jobs";
import { createQueue, type Queue } from "@/lib/queue";
import { openBundleStore, type BundleStore } from "@/lib/storage";

/** Test helpers for the submission loop: a real database, a real queue and a bundle store in a temp folder. */
export type TestPlatform = Database & {
  url: string;
  queue: Queue;
  store: BundleStore;
  storeDir: string;
  close: () => Promise<void>;
};

export async function createTestPlatform(): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const queue = await createQueue({ url: database.url, db: database.db, onError: () => {} });
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-store-"));
  return {
    ...database,
    queue,
    store: openBundleStore(storeDir),
    storeDir,
    close: async () => {
      await queue.stop({ graceful: false });
      await database.drop();
      fs.rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/** A small glyphs spec: few episodes, so a whole evaluation takes seconds. */
export function smallSpec(overrides: Partial<FewshotSpec> = {}): FewshotSpec {
  return fewshotSpecSchema.parse({
    track: "fewshot",
    dataset: { source: "glyphs", version: 1 },
    ways: 5,
    shots: 1,
    queries: 3,
    partitions: { public: { episodes: 3, seed: 11 }, private: { episodes: 2, seed: 12 } },
    kinds: ["embedding", "learner"],
    limits: { wallSeconds: 120, memoryMb: 1024, callSeconds: 60 },
    ...overrides,
  });
}

export async function addBenchmark(
  db: Database["db"],
  input: { slug: string; spec?: FewshotSpec; phase?: Partial<typeof phases.$inferInsert>; visibility?: "public" | "invite" },
) {
  const { benchmark, version } = await upsertBenchmark(db, {
    slug: input.slug,
    title: input.slug,
    track: "fewshot",
    summary: "",
    about: "",
    synthetic: true,
    spec: input.spec ?? smallSpec(),
  });
  if (input.visibility) await db.execute(sql`update benchmarks set visibility = ${input.visibility} where id = ${benchmark.id}`);
  const phase = await ensurePhase(db, benchmark.id, { name: "Open", quotaPerDay: null, quotaTotal: null, revealAt: null });
  if (input.phase) await db.update(phases).set(input.phase).where(eq(phases.id, phase.id));
  return { benchmark, version, phase };
}

export async function addUser(db: Database["db"], email: string, role: "participant" | "organizer" | "admin" = "participant") {
  const [user] = await db.insert(users).values({ email, name: email.split("@")[0], role }).returning();
  return user!;
}

/** Writes `files` into a fresh folder and packs it as a bundle archive. */
export async function packFiles(files: Record<string, string | Uint8Array>): Promise<{ path: string; bytes: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-test-bundle-"));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  const archive = await packBundle(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return { path: archive, bytes: fs.statSync(archive).size };
}

/** A learner bundle; `body` is the source of learner.mjs. */
export function learnerFiles(name: string, body: string): Record<string, string> {
  return {
    "heldout.json": JSON.stringify({ name, track: "fewshot", kind: "learner", entry: "learner.mjs" }),
    "learner.mjs": body,
  };
}

/** A learner that predicts uniform probabilities: valid, chance-level, fast. */
export const UNIFORM_LEARNER = `export default function create() {
  let ways = 2;
  return {
    adapt(support) { ways = support.ways; },
    predict(query) {
      const n = query.images.shape[0];
      return Array.from({ length: n }, () => Array.from({ length: ways }, () => 1 / ways));
    },
  };
}
`;

/** How many rows and jobs exist: what a refused submission must leave unchanged. */
export async function countEverything(db: Database["db"]) {
  const [row] = await db.execute<{ submissions: number; units: number; jobs: number }>(sql`
    select (select count(*)::int from ${submissions}) as submissions,
           (select count(*)::int from ${evaluationUnits}) as units,
           (select count(*)::int from pgboss.job where name like ${`${evaluateUnitJob.name}%`}) as jobs`);
  return { submissions: row!.submissions, units: row!.units, jobs: row!.jobs };
}

/** Files in the bundle store. */
export function storedFiles(storeDir: string): string[] {
  const root = path.join(storeDir, "bundles");
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
}

/** An embedding bundle with a tiny real TF.js layers model (flatten → dense 16), built and saved with TF.js. */
export async function tinyEmbeddingFiles(name: string): Promise<Record<string, string | Uint8Array>> {
  const tf = await import("@tensorflow/tfjs");
  const model = tf.sequential({
    layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 16, kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) })],
  });
  let saved: import("@tensorflow/tfjs").io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  model.dispose();
  const weights = saved!.weightData as ArrayBuffer;
  return {
    "heldout.json": JSON.stringify({ name, track: "fewshot", kind: "embedding", model: "model/model.json" }),
    "model/model.json": JSON.stringify({
      format: "layers-model",
      generatedBy: "test",
      convertedBy: null,
      modelTopology: saved!.modelTopology,
      weightsManifest: [{ paths: ["weights.bin"], weights: saved!.weightSpecs }],
    }),
    "model/weights.bin": new Uint8Array(weights),
  };
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
