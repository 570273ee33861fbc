import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { checkBundle } from "./check";
import { BundleError } from "./errors";
import { packBundle } from "./pack";
import { layersModelFiles, learnerFiles } from "@/testing/bundles/bundle-files";
import { scratchDir } from "@/testing/bundles/scratch";
import { writeTree } from "@/testing/files";

const digest = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

test("packBundle writes a .tar.gz that checkBundle accepts with the same files, leaving .git out", async () => {
  const scratch = scratchDir();
  try {
    const dir = writeTree(path.join(scratch.dir, "bundle"), {
      ...layersModelFiles(),
      ".git/HEAD": "ref: refs/heads/main\n",
      "README.md": "tiny\n",
    });
    const out = await packBundle(dir, { out: path.join(scratch.dir, "out.tar.gz") });
    const checked = await checkBundle({ path: out });
    assert.equal(checked.manifest.name, "tiny-embedding");
    assert.deepEqual(
      checked.files.map((f) => f.path),
      ["README.md", "heldout.json", "model/group1-shard1of1.bin", "model/model.json"],
    );
  } finally {
    scratch.remove();
  }
});

test("packing the same files twice gives the same sha256", async () => {
  const scratch = scratchDir();
  try {
    const a = writeTree(path.join(scratch.dir, "a"), learnerFiles());
    const b = writeTree(path.join(scratch.dir, "b"), learnerFiles());
    fs.utimesSync(path.join(b, "learner.mjs"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const first = await packBundle(a, { out: path.join(scratch.dir, "a.tar.gz") });
    const second = await packBundle(b, { out: path.join(scratch.dir, "b.tar.gz") });
    assert.equal(digest(first), digest(second));
  } finally {
    scratch.remove();
  }
});

test("without `out`, the archive goes to a fresh temp folder, named after the bundle", async () => {
  const scratch = scratchDir();
  try {
    const out = await packBundle(writeTree(path.join(scratch.dir, "b"), learnerFiles()));
    try {
      assert.equal(path.basename(out), "uniform.tar.gz");
      assert.ok(fs.statSync(out).size > 0);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  } finally {
    scratch.remove();
  }
});

test("a directory holding a symlink is refused before anything is packed", async () => {
  const scratch = scratchDir();
  try {
    const dir = writeTree(path.join(scratch.dir, "b"), learnerFiles());
    fs.symlinkSync("/etc/passwd", path.join(dir, "passwd"));
    const out = path.join(scratch.dir, "out.tar.gz");
    await assert.rejects(
      packBundle(dir, { out }),
      (e: unknown) =>
        e instanceof BundleError && e.code === "bundle_symlink" && /"passwd": symbolic links/.test(e.message),
    );
    assert.equal(fs.existsSync(out), false);
  } finally {
    scratch.remove();
  }
});

test("a directory with an invalid manifest is refused with the same message as an archive", async () => {
  const scratch = scratchDir();
  try {
    const dir = writeTree(path.join(scratch.dir, "b"), learnerFiles({ kind: "policy" }));
    await assert.rejects(
      packBundle(dir),
      (e: unknown) =>
        e instanceof BundleError &&
        e.message === "heldout.json: kind: expected 'embedding' | 'finetune' | 'learner', got 'policy'",
    );
  } finally {
    scratch.remove();
  }
});

test("a path that is not a directory is refused", async () => {
  await assert.rejects(
    packBundle("/nonexistent/bundle"),
    (e: unknown) => e instanceof BundleError && e.code === "bundle_not_found",
  );
});
