/** Hard limits applied while a bundle is read; every one is checked as bytes arrive, not after. */
export type BundleLimits = {
  /** Size of the archive itself: the site's configured cap (`HELDOUT_MAX_BUNDLE_BYTES`), which its callers pass. */
  maxArchiveBytes: number;
  /** Total bytes after decompression: the decompression-bomb cap. */
  maxUncompressedBytes: number;
  /** Uncompressed / archive bytes, enforced once more than `ratioFloorBytes` have been inflated. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Entries of any kind (files and directories). */
  maxEntries: number;
  maxFileBytes: number;
  /** Characters in one entry's path; the manifest's paths share this bound. */
  maxPathLength: number;
};

const MiB = 1024 * 1024;

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxArchiveBytes: 64 * MiB,
  maxUncompressedBytes: 256 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 32 * MiB,
  maxEntries: 2000,
  maxFileBytes: 128 * MiB,
  maxPathLength: 255,
};

/**
 * The limits to use: the defaults and any overrides the caller passes. A process with a configured archive cap
 * (the site, the worker, the CLI) passes it as `maxArchiveBytes`; the default is the configuration's default.
 */
export function resolveBundleLimits(overrides: Partial<BundleLimits> = {}): BundleLimits {
  const given = Object.entries(overrides).filter(([, value]) => value !== undefined);
  return { ...DEFAULT_BUNDLE_LIMITS, ...Object.fromEntries(given) };
}

export function formatBytes(n: number): string {
  if (n >= MiB) return `${(n / MiB).toFixed(n % MiB === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}
