import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BundleError, packBundle } from "@/evaluator/bundle";
import { builtinBenchmarks } from "@/benchmarks/builtin";
import { acceptSubmission } from "@/lib/submissions/accept";
import type { Queue } from "@/lib/queue";
import type { BundleStore } from "@/lib/storage";
import type { Db } from "./client";
import { ensurePhase, upsertBenchmark } from "./queries/benchmarks";
import { findBaseline } from "./queries/submissions";
import { eq } from "drizzle-orm";
import { users } from "./schema";

/** The account that owns baseline submissions. It has no password and no linked login, so nobody can sign in as it. */
export const SYSTEM_USER_EMAIL = "baselines@heldout.invalid";

/**
 * Defaults for the phase every built-in benchmark starts with: open now and open-ended, 5 submissions per 24 hours
 * and 100 in total per participant or team; private scores stay hidden until an organizer sets a reveal time.
 */
export const DEFAULT_PHASE = { name: "Open", quotaPerDay: 5, quotaTotal: 100, revealAt: null } as const;

const baselinesRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "benchmarks", "baselines");
export const BASELINE_DIRS = ["random", "protonet-conv4"].map((name) => path.join(baselinesRoot, name));

export type SeedReport = { benchmarks: string[]; baselinesQueued: string[]; baselinesSkipped: string[] };

/**
 * Idempotent: the built-in benchmarks (a new version only when a spec changed), their default phase, the system user,
 * and each baseline submitted once per benchmark through the normal accept path (the worker scores them).
 */
export async function seedPlatform(input: {
  db: Db;
  queue: Queue;
  store?: BundleStore;
  baselineDirs?: string[];
  log?: (line: string) => void;
}): Promise<SeedReport> {
  const { db, queue } = input;
  const log = input.log ?? (() => {});
  const report: SeedReport = { benchmarks: [], baselinesQueued: [], baselinesSkipped: [] };
  await db.insert(users).values({ email: SYSTEM_USER_EMAIL, name: "Heldout baselines", role: "participant" }).onConflictDoNothing({ target: users.email });
  const [system] = await db.select().from(users).where(eq(users.email, SYSTEM_USER_EMAIL));

  for (const definition of builtinBenchmarks) {
    const { benchmark, version } = await upsertBenchmark(db, definition);
    await ensurePhase(db, benchmark.id, { ...DEFAULT_PHASE });
    report.benchmarks.push(benchmark.slug);
    for (const dir of input.baselineDirs ?? BASELINE_DIRS) {
      const manifest = readManifest(dir);
      const label = `${benchmark.slug}/${path.basename(dir)}`;
      if (!manifest) {
        log(`baseline ${label}: no heldout.json in ${dir} yet, skipped`);
        report.baselinesSkipped.push(label);
        continue;
      }
      if (!(version.spec.kinds as string[]).includes(manifest.kind)) {
        report.baselinesSkipped.push(label);
        continue;
      }
      if (await findBaseline(db, benchmark.id, manifest.name)) continue;
      let archive: string;
      try {
        archive = await packBundle(dir);
      } catch (error) {
        // A baseline still being built (weights not trained yet) must not keep the platform from starting.
        if (!(error instanceof BundleError)) throw error;
        log(`baseline ${label}: not a valid bundle yet (${error.message}), skipped`);
        report.baselinesSkipped.push(label);
        continue;
      }
      try {
        const bytes = fs.statSync(archive).size;
        await acceptSubmission({
          db,
          queue,
          store: input.store,
          user: { id: system!.id, role: system!.role },
          benchmarkSlug: benchmark.slug,
          name: manifest.name,
          upload: { path: archive, bytes },
          isBaseline: true,
        });
        report.baselinesQueued.push(label);
        log(`baseline ${label}: queued for evaluation`);
      } finally {
        fs.rmSync(path.dirname(archive), { recursive: true, force: true });
      }
    }
  }
  return report;
}

function readManifest(dir: string): { name: string; kind: string } | undefined {
  const file = path.join(dir, "heldout.json");
  if (!fs.existsSync(file)) return undefined;
  const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown; kind?: unknown };
  return typeof parsed.name === "string" && typeof parsed.kind === "string" ? { name: parsed.name, kind: parsed.kind } : undefined;
}
