import assert from "node:assert/strict";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { PlatformError } from "../../lib/core/errors";
import { findHostTools } from "./host-tools";

test("the sandbox's programs are found on this host", () => {
  const tools = findHostTools();
  assert.deepEqual(Object.keys(tools).sort(), ["bwrap", "prlimit", "setpriv", "sh"]);
});

test("a host without bubblewrap gets a PlatformError naming the package to install", async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), "heldout-no-tools-"));
  try {
    assert.throws(
      () => findHostTools([empty]),
      (error: Error) => {
        assert.ok(error instanceof PlatformError);
        assert.match(error.message, /^The sandbox needs `sh`/);
        return true;
      },
    );
    await symlink("/bin/sh", path.join(empty, "sh"));
    assert.throws(() => findHostTools([empty]), {
      message: "The sandbox needs `bwrap`, which is not installed (install the bubblewrap package)",
    });
  } finally {
    await rm(empty, { recursive: true });
  }
});
