import { createHmac, randomBytes } from "node:crypto";
import type { BenchmarkSpec, Partition } from "./benchmark-spec";
import { PlatformError } from "./core/errors";

/**
 * What a benchmark version keeps server-side: the private partition's seeds (few-shot: one episode seed; RL: one seed
 * per run) and the key of the seeds agents get for their own randomness. Drawn from a CSPRNG when the version is
 * created; never in the spec, the pages, the logs or anything the sandbox receives; published in the open data once
 * the private scores are revealed, so every private result can be reproduced.
 */
export type VersionSecrets = {
  private: { seed: number } | { seeds: number[] };
  /** 32 bytes, hex: HMAC key of the agents' seeds (agentSeed). */
  agentKey: string;
};

/** Where a run's environment seed comes from: the spec (public runs, and private runs of versions stored before secrets) or the secrets. */
export type RunRef = { seed: number } | { privateRun: number };

/** A source of cryptographically secure random bytes (node:crypto's randomBytes in production). */
export type RandomBytes = (size: number) => Buffer;

const SEED_LIMIT = 2 ** 31 - 1;

/** Whether the spec's private partition leaves its seeds to the version's secrets (every version created since they exist). */
export function hasSecretPrivateSeeds(spec: BenchmarkSpec): boolean {
  const partition = spec.partitions.private;
  return spec.track === "fewshot" ? !("seed" in partition) : "runs" in partition;
}

/**
 * The secrets of a new version of `spec`, or null when its private seeds are in the spec (a version stored before).
 * Seeds are uniform in [0, 2^31 − 1), apart from the public seeds and from each other.
 */
export function drawVersionSecrets(spec: BenchmarkSpec, random: RandomBytes = randomBytes): VersionSecrets | null {
  if (!hasSecretPrivateSeeds(spec)) return null;
  const taken = new Set(spec.track === "fewshot" ? [spec.partitions.public.seed] : spec.partitions.public.seeds);
  const draw = () => {
    for (;;) {
      const seed = random(4).readUInt32BE(0) >>> 1;
      if (seed < SEED_LIMIT && !taken.has(seed)) {
        taken.add(seed);
        return seed;
      }
    }
  };
  const priv = spec.partitions.private;
  const secret =
    spec.track === "fewshot"
      ? { seed: draw() }
      : { seeds: Array.from({ length: "runs" in priv ? priv.runs : 0 }, draw) };
  return { private: secret, agentKey: random(32).toString("hex") };
}

/** The few-shot episode seed of a partition. */
export function episodeSeed(
  spec: Extract<BenchmarkSpec, { track: "fewshot" }>,
  partition: Partition,
  secrets: VersionSecrets | null,
): number {
  const own = spec.partitions[partition];
  if ("seed" in own) return own.seed;
  return secretOf(secrets, "seed");
}

/** The runs of one partition of an RL spec, in order: public seeds, or private ones by their place (1-based). */
export function partitionRuns(
  spec: Extract<BenchmarkSpec, { track: "atari" | "metaworld" }>,
  partition: Partition,
): RunRef[] {
  const runs = spec.partitions[partition];
  if ("seeds" in runs) return runs.seeds.map((seed) => ({ seed }));
  return Array.from({ length: runs.runs }, (_, i) => ({ privateRun: i + 1 }));
}

/** A run's key part: its seed, or "private-<n>" for a secret one (the key is shown; the seed is not). */
export function runKey(run: RunRef): string {
  return "seed" in run ? String(run.seed) : `private-${run.privateRun}`;
}

/** The run a key part names (runKey's inverse); undefined when it names none. */
export function parseRunKey(text: string): RunRef | undefined {
  if (/^\d{1,10}$/.test(text)) return { seed: Number(text) };
  const match = /^private-(\d{1,3})$/.exec(text);
  return match && Number(match[1]) >= 1 ? { privateRun: Number(match[1]) } : undefined;
}

/** The environment seed of a run. Only the trusted side calls this; its result never reaches the sandbox. */
export function runSeed(run: RunRef, secrets: VersionSecrets | null): number {
  if ("seed" in run) return run.seed;
  const seeds = secretOf(secrets, "seeds");
  const seed = seeds[run.privateRun - 1];
  if (seed === undefined)
    throw new PlatformError(`private run ${run.privateRun} is not among the version's ${seeds.length} secret seeds`);
  return seed;
}

/** A number the row stores to tell runs apart: the seed of a public run, the place of a secret one (its seed is not stored). */
export function runLabel(run: RunRef): { seed: number } | { run: number } {
  return "seed" in run ? { seed: run.seed } : { run: run.privateRun };
}

/**
 * The seed an agent gets for its own randomness in `unitKey`: HMAC-SHA256 of the unit's key under the version's
 * secret key, unrelated to the environment's seed. Versions stored before secrets give the run's own seed, as they
 * always did.
 */
export function agentSeed(secrets: VersionSecrets | null, unitKey: string, legacySeed: number): number {
  if (!secrets) return legacySeed;
  return createHmac("sha256", Buffer.from(secrets.agentKey, "hex")).update(unitKey).digest().readUInt32BE(0) >>> 1;
}

function secretOf<K extends "seed" | "seeds">(
  secrets: VersionSecrets | null,
  key: K,
): K extends "seed" ? number : number[] {
  const value = secrets && key in secrets.private ? (secrets.private as Record<string, unknown>)[key] : undefined;
  // A secret-seeded version always has its secrets row (created with it): its absence is the platform's fault.
  if (value === undefined) throw new PlatformError(`the benchmark version has no secret private ${key}`);
  return value as K extends "seed" ? number : number[];
}
