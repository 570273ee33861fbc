import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { checkBundle, packBundle } from "@/evaluator/bundle";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";
import { runInSandbox as runMetaWorldInSandbox, smallSpec as smallMetaWorldSpec } from "@/testing/tracks/metaworld";
import { captureIo } from "@/testing/cli/capture-io";
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

test("bundle init metaworld --kind agent writes a seeded random agent that passes the checks and plays a unit in the sandbox", async () => {
  const out = path.join(root, "metaworld-agent");
  assert.equal(await run(["metaworld", "--kind", "agent", "--out", out], captureIo().io), 0);
  assert.ok(fs.readFileSync(path.join(out, "heldout.d.ts"), "utf8").includes("export type MetaWorldAgentFactory"));
  const { manifest } = await checkBundleDir(out);
  assert.deepEqual([manifest.track, manifest.kind, manifest.name], ["metaworld", "agent", "my-metaworld-agent"]);
  const spec = smallMetaWorldSpec({ maxEpisodeSteps: 10 });
  const first = await runMetaWorldInSandbox(spec, "reach-v3", 1, { dir: out, manifest });
  assert.equal(first.error, undefined, `${String(first.error)}\n${first.log}`);
  assert.equal(first.rows!.length, 1);
  assert.ok(Number.isFinite(first.rows![0]!.metrics.return));
  const again = await runMetaWorldInSandbox(spec, "reach-v3", 1, { dir: out, manifest });
  assert.deepEqual(again.rows, first.rows, "seeded by the run's seed: a run repeats exactly");
});

for (const [track, extra, summary] of [
  ["metaworld", [], { input: [null, 39], outputs: 4 }],
  ["metaworld", ["--inputs", "49"], { input: [null, 49], outputs: 4 }],
  ["atari", ["--actions", "6"], { input: [null, 84, 84, 4], outputs: 6 }],
] as const) {
  test(`bundle init ${[track, "--kind policy", ...extra].join(" ")} writes a seeded model of the track's shapes that passes the checks`, async () => {
    const out = path.join(root, `${track}-policy${extra.join("")}`);
    assert.equal(await run([track, "--kind", "policy", "--out", out, ...extra], captureIo().io), 0);
    const { manifest } = await checkBundleDir(out);
    assert.deepEqual([manifest.track, manifest.kind], [track, "policy"]);
    const model = JSON.parse(fs.readFileSync(path.join(out, "model", "model.json"), "utf8"));
    const layers = model.modelTopology.config.layers as { config: { batch_input_shape?: unknown[]; units?: number } }[];
    assert.deepEqual(layers[0]!.config.batch_input_shape, summary.input);
    assert.equal(layers.at(-1)!.config.units, summary.outputs);
  });
}

for (const shape of ["28,28,1", "32,32,3"]) {
  test(`bundle init fewshot --kind embedding --format onnx (${shape}) writes an ONNX model that passes the checks and answers episodes in the sandbox`, async () => {
    const out = path.join(root, `embedding-onnx-${shape.replaceAll(",", "x")}`);
    assert.equal(
      await run(
        ["fewshot", "--kind", "embedding", "--format", "onnx", "--image-shape", shape, "--out", out],
        captureIo().io,
      ),
      0,
    );
    const { manifest } = await checkBundleDir(out);
    assert.deepEqual([manifest.kind, "model" in manifest && manifest.model], ["embedding", "model.onnx"]);
    const readme = fs.readFileSync(path.join(out, "README.md"), "utf8");
    for (const recipe of ["torch.onnx.export", "jax2tf.convert", "tf2onnx.convert.from_keras", '"layout": "nchw"'])
      assert.ok(readme.includes(recipe), recipe);
    if (shape === "28,28,1") {
      const unit = await runUnitInSandbox({ dir: out, manifest, remove: async () => {} }, smallSpec(2));
      assert.equal(unit.error, undefined, `${String(unit.error)}\n${unit.log}`);
      assert.equal(unit.rows!.length, 2);
    }
  });
}

test("bundle init --format onnx writes Meta-World and Atari policies that pass the checks; a Meta-World one plays a unit", async () => {
  const metaworld = path.join(root, "metaworld-policy-onnx");
  assert.equal(await run(["metaworld", "--kind", "policy", "--format", "onnx", "--out", metaworld], captureIo().io), 0);
  const { manifest } = await checkBundleDir(metaworld);
  assert.deepEqual(
    [manifest.track, manifest.kind, "model" in manifest && manifest.model],
    ["metaworld", "policy", "model.onnx"],
  );
  const played = await runMetaWorldInSandbox(
    smallMetaWorldSpec({ kinds: ["policy"], maxEpisodeSteps: 10 }),
    "reach-v3",
    1,
    { dir: metaworld, manifest },
  );
  assert.equal(played.error, undefined, `${String(played.error)}\n${played.log}`);
  const atari = path.join(root, "atari-policy-onnx");
  assert.equal(
    await run(["atari", "--kind", "policy", "--format", "onnx", "--actions", "4", "--out", atari], captureIo().io),
    0,
  );
  assert.deepEqual((await checkBundleDir(atari)).manifest.kind, "policy");
  await assert.rejects(
    run(["fewshot", "--kind", "finetune", "--format", "onnx"], captureIo().io),
    /--format onnx is for the embedding and policy kinds; a finetune bundle trains a TF\.js layers model/,
  );
  await assert.rejects(
    run(["fewshot", "--kind", "embedding", "--format", "pt"], captureIo().io),
    /--format must be 'tfjs' or 'onnx', got 'pt'/,
  );
});

test("bundle init atari --kind agent writes a random agent for the game's actions that passes the checks", async () => {
  const out = path.join(root, "atari-agent");
  assert.equal(await run(["atari", "--kind", "agent", "--out", out], captureIo().io), 0);
  assert.ok(fs.readFileSync(path.join(out, "heldout.d.ts"), "utf8").includes("export type AtariAgentFactory"));
  const { manifest } = await checkBundleDir(out);
  assert.deepEqual([manifest.track, manifest.kind], ["atari", "agent"]);
  const { default: create } = await import(path.join(out, "agent.mjs"));
  const agent = await create({ task: { actions: 6, seed: 3 } });
  const actions = Array.from({ length: 200 }, () =>
    agent.act(new Uint8Array(84 * 84 * 4), { episodeStart: false, mode: "learn" }),
  );
  assert.ok(actions.every((a) => Number.isInteger(a) && a >= 0 && a < 6));
  assert.equal(new Set(actions).size, 6);
});

async function checkBundleDir(dir: string) {
  const archive = await packBundle(dir);
  try {
    return await checkBundle({ path: archive });
  } finally {
    fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  }
}

test("bundle init refuses a non-empty folder, an unknown kind and a bad shape", async () => {
  await assert.rejects(
    run(["fewshot", "--kind", "learner", "--out", path.join(root, "learner")], captureIo().io),
    /exists and is not empty; choose another --out/,
  );
  await assert.rejects(
    run(["fewshot", "--kind", "policy"], captureIo().io),
    /--kind must be 'embedding', 'finetune' or 'learner', got 'policy'/,
  );
  await assert.rejects(
    run(["fewshot", "--kind", "embedding", "--image-shape", "28,28"], captureIo().io),
    /--image-shape must be H,W,C \(e\.g\. 28,28,1\), got '28,28'/,
  );
  await assert.rejects(
    run(["atari", "--kind", "learner"], captureIo().io),
    /--kind must be 'agent' or 'policy', got 'learner'/,
  );
  await assert.rejects(
    run(["procgen", "--kind", "agent"], captureIo().io),
    /knows the tracks 'fewshot', 'metaworld' and 'atari', got 'procgen'/,
  );
  await assert.rejects(
    run(["atari", "--kind", "policy", "--out", path.join(root, "no-actions")], captureIo().io),
    /--actions is required for an Atari policy/,
  );
  await assert.rejects(
    run(["atari", "--kind", "policy", "--actions", "1", "--out", path.join(root, "one-action")], captureIo().io),
    /--actions must be an integer from 2 to 18, got '1'/,
  );
  await assert.rejects(
    run(["metaworld", "--kind", "agent", "--actions", "4"], captureIo().io),
    /--actions is for Atari policy bundles only/,
  );
  await assert.rejects(
    run(["metaworld", "--kind", "policy", "--image-shape", "28,28,1"], captureIo().io),
    /--image-shape is for few-shot bundles only/,
  );
  await assert.rejects(
    run(["metaworld", "--kind", "agent", "--inputs", "49"], captureIo().io),
    /--inputs is for Meta-World policy bundles only/,
  );
  await assert.rejects(
    run(["metaworld", "--kind", "policy", "--inputs", "12", "--out", path.join(root, "short")], captureIo().io),
    /--inputs must be the benchmark's observation length.*got '12'/,
  );
});
