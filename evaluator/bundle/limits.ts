import { getConfig } from "@/lib/config";

/** Hard limits applied while a bundle is read; every one is checked as bytes arrive, not after. */
export type BundleLimits = {
  /** Size of the archive itself (config `limits.maxBundleBytes`). */
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

export const DEFAULT_BUNDLE_LIMITS: Omit<BundleLimits, "maxArchiveBytes"> = {
  maxUncompressedBytes: 256 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 32 * MiB,
  maxEntries: 2000,
  maxFileBytes: 128 * MiB,
  maxPathLength: 255,
};

/** The limits to use: the defaults, the configured archive cap, and any overrides the caller passes. */
export function resolveBundleLimits(overrides: Partial<BundleLimits> = {}): BundleLimits {
  return {
    ...DEFAULT_BUNDLE_LIMITS,
    maxArchiveBytes: overrides.maxArchiveBytes ?? getConfig().limits.maxBundleBytes,
    ...overrides,
  };
}

export function formatBytes(n: number): string {
  if (n >= MiB) return `${(n / MiB).toFixed(n % MiB === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} bytes`;
}
