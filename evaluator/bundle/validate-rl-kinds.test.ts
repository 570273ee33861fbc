import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { checkBundle } from "./check";
import { layersModelFiles } from "@/testing/bundles/bundle-files";
import { expectRejected, scratchDir } from "@/testing/bundles/scratch";
import { rawTarGz } from "@/testing/bundles/tar-bytes";

// Atari bundles: an `agent` needs its entry module, a `policy` a TF.js model whose weights are all there.
function tgz(files: Record<string, string | Buffer>): Buffer {
  return rawTarGz(Object.entries(files).map(([p, body]) => ({ path: p, body })));
}

const agent = { name: "my-agent", track: "atari", kind: "agent", entry: "agent.mjs" };
const policy = { name: "my-policy", track: "atari", kind: "policy", model: "model/model.json" };

async function accepted(files: Record<string, string | Buffer>) {
  const scratch = scratchDir();
  try {
    const archive = path.join(scratch.dir, "rl.tar.gz");
    fs.writeFileSync(archive, tgz(files));
    return (await checkBundle({ path: archive })).manifest;
  } finally {
    scratch.remove();
  }
}

test("an agent bundle with its entry module passes, options defaulted", async () => {
  const manifest = await accepted({
    "heldout.json": JSON.stringify(agent),
    "agent.mjs": "export default () => ({ act: () => 0, observe() {} });\n",
  });
  assert.deepEqual([manifest.track, manifest.kind], ["atari", "agent"]);
  assert.deepEqual(manifest.kind === "agent" && manifest.options, {});
});

test("an agent bundle without its entry module is refused", async () => {
  await expectRejected(tgz({ "heldout.json": JSON.stringify(agent), "src/agent.mjs": "export default 1" }), {
    code: "bundle_entry_missing",
    message: /^heldout\.json: entry: 'agent\.mjs' is not in the bundle\.$/,
  });
});

test("a policy bundle with a complete model passes, with the input shape its model declares", async () => {
  const { "heldout.json": _few, ...model } = layersModelFiles();
  const manifest = await accepted({ "heldout.json": JSON.stringify(policy), ...model });
  assert.deepEqual([manifest.track, manifest.kind], ["atari", "policy"]);
  const scratch = scratchDir();
  try {
    const archive = path.join(scratch.dir, "policy.tar.gz");
    fs.writeFileSync(archive, tgz({ "heldout.json": JSON.stringify({ ...policy, track: "metaworld" }), ...model }));
    assert.deepEqual((await checkBundle({ path: archive })).modelInputShape, [4]);
  } finally {
    scratch.remove();
  }
});

test("a policy bundle whose weights are short is refused like any model", async () => {
  const { "heldout.json": _few, ...model } = layersModelFiles({ weightBytes: 39 });
  await expectRejected(tgz({ "heldout.json": JSON.stringify(policy), ...model }), {
    code: "bundle_weights_size",
    message: /describes 40 bytes of weights/,
  });
});

test("kinds are named per track: a few-shot kind on the Atari track, and an unknown track", async () => {
  await expectRejected(tgz({ "heldout.json": JSON.stringify({ ...agent, kind: "learner" }) }), {
    code: "bundle_manifest_invalid",
    message: /^heldout\.json: kind: expected 'agent' \| 'policy', got 'learner'$/,
  });
  await expectRejected(tgz({ "heldout.json": JSON.stringify({ ...agent, track: "go" }) }), {
    code: "bundle_manifest_invalid",
    message: /^heldout\.json: track: expected 'fewshot' \| 'atari'.*, got 'go'$/,
  });
});
