import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkBundle } from "@/evaluator/bundle/check";
import { BundleError } from "@/evaluator/bundle/errors";
import type { BundleLimits } from "@/evaluator/bundle/limits";

/** A fresh scratch directory for one test, removed by the returned function. */
export function scratchDir(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-bundle-test-"));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** This process's open file descriptors, by number and what they point to (Linux). */
export function openDescriptors(): string[] {
  const dir = "/proc/self/fd";
  return fs
    .readdirSync(dir)
    .map((fd) => {
      try {
        return `${fd} -> ${fs.readlinkSync(path.join(dir, fd))}`;
      } catch {
        return undefined; // the descriptor readdir itself used, closed by now
      }
    })
    .filter((fd): fd is string => fd !== undefined)
    .sort();
}

/**
 * Runs checkBundle on `archive` and asserts it is refused with `code` and a message matching `message`,
 * and that nothing is left behind: no unpacked file, no open descriptor.
 */
export async function expectRejected(
  archive: Buffer,
  expected: { code: string; message: RegExp; status?: number },
  options: { limits?: Partial<BundleLimits>; name?: string } = {},
): Promise<BundleError> {
  const scratch = scratchDir();
  try {
    const file = path.join(scratch.dir, options.name ?? "bundle.tar.gz");
    fs.writeFileSync(file, archive);
    const tmpDir = fs.mkdtempSync(path.join(scratch.dir, "unpack-"));
    const descriptors = openDescriptors();
    const error = await checkBundle({ path: file, limits: options.limits, tmpDir }).then(
      () => assert.fail(`expected ${expected.code}, but the bundle was accepted`),
      (e: unknown) => e,
    );
    assert.ok(error instanceof BundleError, `expected a BundleError, got ${String(error)}`);
    assert.equal(error.code, expected.code, error.message);
    assert.match(error.message, expected.message);
    if (expected.status) assert.equal(error.status, expected.status);
    assert.deepEqual(fs.readdirSync(tmpDir), [], "the unpacked directory must be removed");
    assert.deepEqual(openDescriptors(), descriptors, "every descriptor opened for the archive must be closed");
    return error;
  } finally {
    scratch.remove();
  }
}
