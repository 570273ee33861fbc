import { test } from "node:test";
import { learnerFiles } from "@/testing/bundles/bundle-files";
import { expectRejected } from "@/testing/bundles/scratch";
import { rawTarGz, TAR_TYPE } from "@/testing/bundles/tar-bytes";
import { rawZip } from "@/testing/bundles/zip-bytes";

const valid = Object.entries(learnerFiles()).map(([path, body]) => ({ path, body }));

test("tar: a symbolic link is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "model.json", type: TAR_TYPE.symlink, linkpath: "/etc/passwd" }]), {
    code: "bundle_symlink",
    message: /"model\.json": symbolic links are not allowed/,
  });
});

test("tar: a hard link is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "copy.mjs", type: TAR_TYPE.hardlink, linkpath: "learner.mjs" }]), {
    code: "bundle_hardlink",
    message: /"copy\.mjs": hard links are not allowed/,
  });
});

test("tar: a character device is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "null", type: TAR_TYPE.charDevice }]), {
    code: "bundle_special_file",
    message: /"null": device files are not allowed/,
  });
});

test("tar: a block device is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "sda", type: TAR_TYPE.blockDevice }]), {
    code: "bundle_special_file",
    message: /"sda": device files are not allowed/,
  });
});

test("tar: a FIFO is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "pipe", type: TAR_TYPE.fifo }]), {
    code: "bundle_special_file",
    message: /"pipe": FIFOs are not allowed/,
  });
});

test("zip: a symbolic link (Unix mode in the external attributes) is refused", async () => {
  await expectRejected(
    rawZip([{ name: "link", body: "/etc/passwd", mode: 0o120777 }]),
    { code: "bundle_symlink", message: /"link": symbolic links are not allowed/ },
    { name: "b.zip" },
  );
});

test("zip: a FIFO is refused", async () => {
  await expectRejected(
    rawZip([{ name: "pipe", mode: 0o010644 }]),
    { code: "bundle_special_file", message: /"pipe": only regular files and directories/ },
    { name: "b.zip" },
  );
});

test("zip: an encrypted entry is refused", async () => {
  await expectRejected(
    rawZip([{ name: "secret.bin", body: "x".repeat(12), encrypted: true, declaredSize: 0 }]),
    { code: "bundle_encrypted", message: /"secret\.bin": encrypted zip entries/ },
    { name: "b.zip" },
  );
});
