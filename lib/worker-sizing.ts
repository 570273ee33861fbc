const GIB = 1024 ** 3;

/** Memory one evaluation may use: the sandbox limit of the built-in benchmarks (lib/benchmark-spec.ts's default). */
export const UNIT_MEMORY_BYTES = 4 * GIB;
/** Memory kept for the site and PostgreSQL beside the evaluations. */
export const PLATFORM_MEMORY_BYTES = 2 * GIB;

/**
 * How many evaluations `heldout start`'s worker runs at once on this machine, and why: one core and
 * PLATFORM_MEMORY_BYTES stay with the site and PostgreSQL, each evaluation gets a core and UNIT_MEMORY_BYTES.
 * `override` (HELDOUT_WORKER_CONCURRENCY) wins when set.
 */
export function sizeWorkerConcurrency(
  machine: { cores: number; memoryBytes: number },
  override?: number,
): { concurrency: number; reason: string } {
  const gib = (bytes: number) => `${(bytes / GIB).toFixed(1)} GiB`;
  const machineText = `${machine.cores} core${machine.cores === 1 ? "" : "s"}, ${gib(machine.memoryBytes)}`;
  if (override !== undefined)
    return { concurrency: override, reason: `HELDOUT_WORKER_CONCURRENCY=${override} (this machine: ${machineText})` };
  const byCores = Math.max(1, machine.cores - 1);
  const byMemory = Math.max(1, Math.floor((machine.memoryBytes - PLATFORM_MEMORY_BYTES) / UNIT_MEMORY_BYTES));
  const concurrency = Math.min(byCores, byMemory, 64);
  const limit =
    byCores <= byMemory
      ? `cores: one of ${machine.cores} kept for the site and PostgreSQL`
      : `memory: ${gib(UNIT_MEMORY_BYTES)} per evaluation after ${gib(PLATFORM_MEMORY_BYTES)} for the site and PostgreSQL`;
  return { concurrency, reason: `${machineText}; limited by ${limit} (set HELDOUT_WORKER_CONCURRENCY to choose)` };
}
