import { test } from "node:test";
import { learnerFiles } from "@/testing/bundles/bundle-files";
import { expectRejected } from "@/testing/bundles/scratch";
import { rawTarGz, TAR_TYPE } from "@/testing/bundles/tar-bytes";
import { rawZip } from "@/testing/bundles/zip-bytes";

const valid = Object.entries(learnerFiles()).map(([path, body]) => ({ path, body }));

test("tar: the same file twice is refused (no silent overwrite)", async () => {
  await expectRejected(rawTarGz([...valid, { path: "learner.mjs", body: "export default 1" }]), {
    code: "bundle_duplicate_entry",
    message: /"learner\.mjs" appears more than once/,
  });
});

test("tar: the same file under './' and bare is a duplicate", async () => {
  await expectRejected(rawTarGz([...valid, { path: "./heldout.json", body: "{}" }]), {
    code: "bundle_duplicate_entry",
    message: /"heldout\.json" appears more than once/,
  });
});

test("tar: a file below a path that is a file is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "learner.mjs/inner.js", body: "x" }]), {
    code: "bundle_path_conflict",
    message: /"learner\.mjs" is a file, so it cannot also be a directory/,
  });
});

test("tar: a file where a directory already holds files is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "lib/a.js", body: "x" }, { path: "lib", body: "x" }]), {
    code: "bundle_path_conflict",
    message: /"lib": a directory of that name already holds files/,
  });
});

test("tar: a directory entry after its files is accepted, a second one is a duplicate", async () => {
  await expectRejected(
    rawTarGz([
      ...valid,
      { path: "lib/a.js", body: "x" },
      { path: "lib/", type: TAR_TYPE.directory },
      { path: "lib/", type: TAR_TYPE.directory },
    ]),
    { code: "bundle_duplicate_entry", message: /"lib" appears more than once/ },
  );
});

test("zip: the same name twice is refused", async () => {
  await expectRejected(
    rawZip([
      { name: "a.txt", body: "1" },
      { name: "a.txt", body: "2" },
    ]),
    { code: "bundle_duplicate_entry", message: /"a\.txt" appears more than once/ },
    { name: "b.zip" },
  );
});
