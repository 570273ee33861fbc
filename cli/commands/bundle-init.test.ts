import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { checkBundle, packBundle } from "@/evaluator/bundle";
import { runUnitInSandbox, smallSpec } from "@/evaluator/tracks/fewshot/testing";
import { captureIo } from "../testing/capture-io";
import { run } from "./bundle-init";

// The sandbox's unprivileged user must be able to read the bundle: a world-readable scratch folder.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-bundle-init-"));
fs.chmodSync(root, 0o755);
after(() => fs.rmSync(root, { recursive: true, force: true }));

for (const kind of ["learner", "embedding", "finetune"] as const) {
  test(`bundle init fewshot --kind ${kind} writes a bundle that passes the checks and answers episodes in the sandbox`, async () => {
    const out = path.join(root, kind);
    const capture = captureIo();
    assert.equal(await run(["fewshot", "--kind", kind, "--out", out], capture.io), 0);
    assert.equal(capture.out(), `${out}\n`);
    assert.ok(fs.readFileSync(path.join(out, "heldout.d.ts"), "utf8").includes("export type LearnerFactory"));
    const { manifest } = await checkBundleDir(out);
    assert.equal(manifest.kind, kind);
    const unit = await runUnitInSandbox({ dir: out, manifest, remove: async () => {} }, smallSpec(2));
    assert.equal(unit.error, undefined, `${String(unit.error)}\n${unit.log}`);
    assert.equal(unit.rows!.length, 2);
  });
}

async function checkBundleDir(dir: string) {
  const archive = await packBundle(dir);
  try {
    return await checkBundle({ path: archive });
  } finally {
    fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  }
}

test("bundle init refuses a non-empty folder, an unknown kind and a bad shape", async () => {
  await assert.rejects(run(["fewshot", "--kind", "learner", "--out", path.join(root, "learner")], captureIo().io), /exists and is not empty; choose another --out/);
  await assert.rejects(run(["fewshot", "--kind", "policy"], captureIo().io), /--kind must be 'embedding', 'finetune' or 'learner', got 'policy'/);
  await assert.rejects(run(["fewshot", "--kind", "embedding", "--image-shape", "28,28"], captureIo().io), /--image-shape must be H,W,C \(e\.g\. 28,28,1\), got '28,28'/);
  await assert.rejects(run(["atari", "--kind", "learner"], captureIo().io), /knows the 'fewshot' track only, got 'atari'/);
});
