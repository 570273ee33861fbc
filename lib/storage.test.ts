import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { openBundleStore } from "./storage";

// The bundle store: content-addressed, atomic, leaves the caller's file alone, refuses names that are not digests.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-storage-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("put, path, has and remove", async () => {
  const store = openBundleStore(path.join(dir, "store"));
  const file = path.join(dir, "upload.tar.gz");
  fs.writeFileSync(file, "bundle bytes");
  const sha = crypto.createHash("sha256").update("bundle bytes").digest("hex");

  assert.equal(store.has(sha), false);
  const stored = await store.put(file, sha);
  assert.equal(stored, store.path(sha));
  assert.equal(fs.readFileSync(stored, "utf8"), "bundle bytes");
  assert.ok(fs.existsSync(file), "the caller's file is copied, not taken");
  assert.equal(await store.put(file, sha), stored, "storing the same content again is harmless");
  assert.deepEqual(fs.readdirSync(path.dirname(stored)), [sha], "no partial files are left beside it");
  await store.remove(sha);
  assert.equal(store.has(sha), false);
  await store.remove(sha); // removing twice is fine
});

test("a name that is not a sha256 digest never reaches the filesystem", async () => {
  const store = openBundleStore(path.join(dir, "store"));
  assert.throws(() => store.path("../../etc/passwd"), /Not a sha256 digest/);
  await assert.rejects(store.put(path.join(dir, "x"), "ABC"), /Not a sha256 digest/);
});
