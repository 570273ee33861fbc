import { test } from "node:test";
import { learnerFiles } from "@/testing/bundles/bundle-files";
import { expectRejected } from "@/testing/bundles/scratch";
import { rawTarGz, TAR_TYPE } from "@/testing/bundles/tar-bytes";

const manifest = learnerFiles()["heldout.json"]!;

test("a learner whose entry file is not in the bundle is refused", async () => {
  await expectRejected(
    rawTarGz([
      { path: "heldout.json", body: manifest },
      { path: "src/learner.mjs", body: "export default 1" },
    ]),
    {
      code: "bundle_entry_missing",
      message: /^heldout\.json: entry: 'learner\.mjs' is not in the bundle\.$/,
    },
  );
});

test("a learner whose entry is a directory is refused", async () => {
  await expectRejected(
    rawTarGz([
      { path: "heldout.json", body: manifest },
      { path: "learner.mjs/", type: TAR_TYPE.directory },
    ]),
    {
      code: "bundle_entry_missing",
      message: /^heldout\.json: entry: 'learner\.mjs' is a directory, not a file\.$/,
    },
  );
});
