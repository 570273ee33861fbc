import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { packBundle } from "@/evaluator/bundle";
import type { Database } from "@/db/client";
import { evaluationUnits, submissions } from "@/db/schema";
import { writeTree } from "@/testing/files";
import { createTestDatabase } from "@/testing/platform/database";
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

/** Writes `files` into a fresh folder and packs it as a bundle archive. */
export async function packFiles(files: Record<string, string | Uint8Array>): Promise<{ path: string; bytes: number }> {
  const dir = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), "heldout-test-bundle-")), files);
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
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}
