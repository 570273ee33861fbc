import { test } from "node:test";
import { learnerFiles } from "@/testing/bundles/bundle-files";
import { expectRejected } from "@/testing/bundles/scratch";
import { rawTarGz } from "@/testing/bundles/tar-bytes";

function tgz(files: Record<string, string | Buffer>): Buffer {
  return rawTarGz(Object.entries(files).map(([path, body]) => ({ path, body })));
}

const learner = JSON.parse(learnerFiles()["heldout.json"]!) as Record<string, unknown>;
const code = learnerFiles()["learner.mjs"]!;

test("a bundle without heldout.json at its root is refused", async () => {
  await expectRejected(tgz({ "learner.mjs": code }), {
    code: "bundle_manifest_missing",
    message: /^Bundle has no heldout\.json at its root\.$/,
  });
});

test("a manifest one folder down gets a hint to pack the folder's contents", async () => {
  await expectRejected(tgz({ "my-bundle/heldout.json": JSON.stringify(learner), "my-bundle/learner.mjs": code }), {
    code: "bundle_manifest_missing",
    message: /Found 'my-bundle\/heldout\.json': pack the contents of 'my-bundle\/', not the folder itself/,
  });
});

test("a manifest that is not JSON is refused with the parser's position", async () => {
  await expectRejected(tgz({ "heldout.json": '{"name": "x",', "learner.mjs": code }), {
    code: "bundle_manifest_json",
    message: /^heldout\.json: not valid JSON \(.+\)\.$/,
  });
});

test("a manifest that is a JSON array is refused", async () => {
  await expectRejected(tgz({ "heldout.json": "[]", "learner.mjs": code }), {
    code: "bundle_manifest_invalid",
    message: /heldout\.json: must be a JSON object/,
  });
});

test("a bad enum value names the field, the allowed values and the value given", async () => {
  const manifest = {
    name: "x",
    track: "fewshot",
    kind: "embedding",
    model: "model.json",
    options: { distance: "manhattan" },
  };
  await expectRejected(tgz({ "heldout.json": JSON.stringify(manifest) }), {
    code: "bundle_manifest_invalid",
    message: /^heldout\.json: options\.distance: expected 'euclidean' \| 'cosine', got 'manhattan'$/,
  });
});

test("an unknown kind names the kinds there are", async () => {
  await expectRejected(tgz({ "heldout.json": JSON.stringify({ ...learner, kind: "policy" }), "learner.mjs": code }), {
    code: "bundle_manifest_invalid",
    message: /^heldout\.json: kind: expected 'embedding' \| 'finetune' \| 'learner', got 'policy'$/,
  });
});

test("a missing field, an unknown field and a bad nested value are each reported on their own line", async () => {
  const { name: _name, ...rest } = learner;
  const manifest = { ...rest, colour: "red", method: { tags: ["Not A Tag"] } };
  const error = await expectRejected(tgz({ "heldout.json": JSON.stringify(manifest), "learner.mjs": code }), {
    code: "bundle_manifest_invalid",
    message: /heldout\.json: name: missing \(expected string\)/,
  });
  const lines = error.message.split("\n");
  if (!lines.includes("heldout.json: unknown field 'colour'"))
    throw new Error(`no unknown-field line in:\n${error.message}`);
  if (
    !lines.some(
      (l) => l.startsWith("heldout.json: method.tags[0]: tags are lowercase words") && l.endsWith("(got 'Not A Tag')"),
    )
  )
    throw new Error(`no tag line in:\n${error.message}`);
});

test("a learner entry that escapes the bundle is refused by the manifest schema", async () => {
  await expectRejected(
    tgz({ "heldout.json": JSON.stringify({ ...learner, entry: "../evil.mjs" }), "learner.mjs": code }),
    {
      code: "bundle_manifest_invalid",
      message: /^heldout\.json: entry: must be a relative path inside the bundle/,
    },
  );
});

test("a NUL anywhere in the manifest is refused naming the field (the database could not store it)", async () => {
  const manifest = { ...learner, method: { description: "line\u0000cut", tags: [] } };
  await expectRejected(tgz({ "heldout.json": JSON.stringify(manifest), "learner.mjs": code }), {
    code: "bundle_manifest_invalid",
    message: /^heldout\.json: method\.description: must not contain a NUL character \(U\+0000\)\.$/,
  });
});
