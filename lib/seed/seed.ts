import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BundleError, modelInputShape, packBundle } from "@/evaluator/bundle";
import { openFewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import { builtinBenchmarks, seededRlBenchmarks } from "@/benchmarks/builtin";
import { registerImportedBenchmarks } from "@/benchmarks/builtin/register-imported";
import { MANIFEST_FILE, manifestSchema, type Manifest } from "@/evaluator/protocol/manifest";
import { acceptSubmission } from "@/lib/submissions/accept";
import { JOB_PRIORITY } from "@/lib/submissions/queue-evaluation";
import type { Queue } from "@/lib/queue";
import type { BundleStore } from "@/lib/storage";
import type { Db } from "../../db/client";
import { type BenchmarkDefinition, type BenchmarkWithCurrent, ensurePhase } from "../../db/queries/benchmarks";
import { findBenchmarkBySlug, upsertBenchmark } from "@/lib/benchmark-versions";
import { seedShippedReportedResults } from "@/lib/reported-results/reported-results";
import { findBaseline } from "../../db/queries/submissions";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";

/** The account that owns baseline submissions. It has no password and no linked login, so nobody can sign in as it. */
export const SYSTEM_USER_EMAIL = "baselines@heldout.invalid";

/**
 * Defaults for the phase every built-in benchmark starts with: open now and open-ended, 5 submissions per 24 hours
 * and 100 in total per participant or team; private scores stay hidden until an organizer sets a reveal time.
 */
export const DEFAULT_PHASE = { name: "Open", quotaPerDay: 5, quotaTotal: 100, revealAt: null } as const;

const baselinesRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "benchmarks", "baselines");
/**
 * The baseline bundles submitted to every benchmark that accepts their track, kind and input shape: the few-shot ones
 * to few-shot benchmarks, the Meta-World ones to Meta-World benchmarks only, the Atari ones to Atari benchmarks only
 * (the track must match).
 */
export const BASELINE_DIRS = [
  "random",
  "protonet-conv4/bundle",
  "finetune-conv4/bundle",
  "r2d2-conv4/bundle",
  "metaworld-random",
  "metaworld-cem",
  "atari-random",
  "atari-drq",
].map((name) => path.join(baselinesRoot, name));

export type SeedReport = { benchmarks: string[]; baselinesQueued: string[]; baselinesSkipped: string[] };

/**
 * Idempotent: the built-in benchmarks (a new version only when a spec changed), the seeded RL boards, the standard
 * benchmarks of the datasets imported into `datasetsDir` (when given), their default phase and published results, the
 * system user, and each baseline submitted once per benchmark it fits through the normal accept path (the worker
 * scores them). The standard RL boards' baselines go to the background (JOB_PRIORITY.backgroundBaseline), those
 * queued earlier at a higher priority included, so they never delay competitors' work or the other boards' baselines.
 */
export async function seedPlatform(input: {
  db: Db;
  queue: Queue;
  store: BundleStore;
  baselineDirs?: string[];
  /** The dataset store; without it, no benchmark on imported data is registered or given baselines. */
  datasetsDir?: string;
  log?: (line: string) => void;
}): Promise<SeedReport> {
  const { db, queue, datasetsDir } = input;
  const log = input.log ?? (() => {});
  const report: SeedReport = { benchmarks: [], baselinesQueued: [], baselinesSkipped: [] };
  await systemUser(db);

  // `owned`: a board an organizer created from the same definition before it was seeded is theirs (they may have
  // edited it, or closed its phase): its spec and its baselines are left as they are.
  const seeded: { current: BenchmarkWithCurrent; background: boolean; owned?: boolean }[] = [];
  for (const definition of builtinBenchmarks) {
    seeded.push({ current: await seedDefinition(db, definition), background: false });
  }
  for (const { definition, baselines } of seededRlBenchmarks) {
    const background = baselines === "background";
    const existing = await findBenchmarkBySlug(db, definition.slug);
    if (existing?.benchmark.createdBy) seeded.push({ current: existing, background, owned: true });
    else seeded.push({ current: await seedDefinition(db, definition), background });
  }
  if (datasetsDir) {
    const { registered, skipped } = await registerImportedBenchmarks({ db, datasetsDir, phase: { ...DEFAULT_PHASE } });
    for (const line of skipped) log(line);
    for (const slug of registered) seeded.push({ current: (await findBenchmarkBySlug(db, slug))!, background: false });
  }
  const baselines = (input.baselineDirs ?? BASELINE_DIRS).map(readBaseline);
  for (const { current, background, owned } of seeded) {
    report.benchmarks.push(current.benchmark.slug);
    if (!owned) {
      const { queued, skipped } = await submitBaselines({
        db,
        queue,
        store: input.store,
        current,
        baselines,
        datasetsDir,
        background,
        log,
      });
      report.baselinesQueued.push(...queued);
      report.baselinesSkipped.push(...skipped);
    }
    if (!background) continue;
    const lowered = await queue.lowerWaitingBaselines(current.benchmark.id, JOB_PRIORITY.backgroundBaseline);
    if (lowered > 0) log(`baselines of ${current.benchmark.slug}: ${lowered} waiting unit(s) moved to the background`);
  }
  return report;
}

async function seedDefinition(db: Db, definition: BenchmarkDefinition): Promise<BenchmarkWithCurrent> {
  const current = await upsertBenchmark(db, definition);
  await ensurePhase(db, current.benchmark.id, { ...DEFAULT_PHASE });
  await seedShippedReportedResults(db, current.benchmark);
  return current;
}

/**
 * Submits each baseline that fits a benchmark (its track, kinds and input shape) and is not on it yet, through the
 * normal accept path (the worker scores them). For a benchmark created after start (an organizer's, or a standard
 * one from its definition), so that its track's baselines are queued as for the seeded ones.
 */
export async function queueBaselines(input: {
  db: Db;
  queue: Queue;
  store: BundleStore;
  slug: string;
  baselineDirs?: string[];
  datasetsDir?: string;
  log?: (line: string) => void;
}): Promise<{ queued: string[]; skipped: string[] }> {
  const current = await findBenchmarkBySlug(input.db, input.slug);
  if (!current) throw new Error(`No benchmark '${input.slug}'.`);
  const baselines = (input.baselineDirs ?? BASELINE_DIRS).map(readBaseline);
  return submitBaselines({ ...input, current, baselines, log: input.log ?? (() => {}) });
}

async function submitBaselines(input: {
  db: Db;
  queue: Queue;
  store: BundleStore;
  current: BenchmarkWithCurrent;
  baselines: Baseline[];
  datasetsDir?: string;
  /** Queued behind every other job (JOB_PRIORITY.backgroundBaseline). */
  background?: boolean;
  log: (line: string) => void;
}): Promise<{ queued: string[]; skipped: string[] }> {
  const { db, queue, current, baselines, datasetsDir, log } = input;
  const { benchmark, version } = current;
  const queued: string[] = [];
  const skipped: string[] = [];
  const system = await systemUser(db);
  const imageShape =
    version.spec.track === "fewshot" ? openFewshotDataset(version.spec.dataset, datasetsDir).imageShape : undefined;
  for (const baseline of baselines) {
    if ("problem" in baseline) {
      const label = `${benchmark.slug}/${path.relative(baselinesRoot, baseline.dir)}`;
      log(`baseline ${label}: ${baseline.problem}, skipped`);
      skipped.push(label);
      continue;
    }
    const { dir, manifest, inputShape } = baseline;
    const label = `${benchmark.slug}/${manifest.name}`;
    const fits =
      manifest.track === version.spec.track &&
      (version.spec.kinds as string[]).includes(manifest.kind) &&
      (inputShape === undefined || imageShape === undefined || sameShape(inputShape, imageShape));
    if (!fits) {
      skipped.push(label);
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
      skipped.push(label);
      continue;
    }
    try {
      const bytes = fs.statSync(archive).size;
      await acceptSubmission({
        db,
        queue,
        store: input.store,
        user: { id: system.id, role: system.role },
        benchmarkSlug: benchmark.slug,
        name: manifest.name,
        upload: { path: archive, bytes },
        isBaseline: true,
        background: input.background,
      });
      queued.push(label);
      log(`baseline ${label}: queued for evaluation${input.background ? " in the background" : ""}`);
    } finally {
      fs.rmSync(path.dirname(archive), { recursive: true, force: true });
    }
  }
  return { queued, skipped };
}

/** The account baselines are submitted as, created on first use. */
async function systemUser(db: Db) {
  await db
    .insert(users)
    .values({ email: SYSTEM_USER_EMAIL, name: "Heldout baselines", role: "participant" })
    .onConflictDoNothing({ target: users.email });
  const [system] = await db.select().from(users).where(eq(users.email, SYSTEM_USER_EMAIL));
  return system!;
}

type Baseline =
  { dir: string; manifest: Manifest; inputShape: number[] | undefined } | { dir: string; problem: string };

/** A baseline's manifest and, for a model, the image shape it takes ([H, W, C]; undefined when it takes any). */
function readBaseline(dir: string): Baseline {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) return { dir, problem: `no ${MANIFEST_FILE} in ${dir} yet` };
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!parsed.success)
      return { dir, problem: `${MANIFEST_FILE} is not a valid manifest (${parsed.error.issues[0]?.message})` };
    const manifest = parsed.data;
    // A learner that runs a model of its own names it in its options (as r2d2-conv4 does), so its shape counts too.
    const model =
      "model" in manifest
        ? manifest.model
        : typeof manifest.options.model === "string"
          ? manifest.options.model
          : undefined;
    // A model not written yet is reported by the bundle check when the baseline is packed.
    if (model === undefined || !fs.existsSync(path.join(dir, model))) return { dir, manifest, inputShape: undefined };
    return { dir, manifest, inputShape: modelInputShape(JSON.parse(fs.readFileSync(path.join(dir, model), "utf8"))) };
  } catch (error) {
    // A broken baseline must not keep the platform from starting.
    if (!(error instanceof SyntaxError)) throw error;
    return { dir, problem: `not valid JSON (${error.message})` };
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
