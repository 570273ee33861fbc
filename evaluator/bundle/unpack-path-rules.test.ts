import { test } from "node:test";
import { learnerFiles } from "@/testing/bundles/bundle-files";
import { expectRejected } from "@/testing/bundles/scratch";
import { rawTarGz } from "@/testing/bundles/tar-bytes";
import { rawZip } from "@/testing/bundles/zip-bytes";

const valid = Object.entries(learnerFiles()).map(([path, body]) => ({ path, body }));

test("tar: an absolute path is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "/etc/cron.d/x", body: "boom" }]), {
    code: "bundle_path_absolute",
    message: /"\/etc\/cron\.d\/x": absolute paths are not allowed/,
  });
});

test("tar: a '..' segment is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "model/../../escape.txt", body: "boom" }]), {
    code: "bundle_path_traversal",
    message: /"model\/\.\.\/\.\.\/escape\.txt": '\.\.' is not allowed/,
  });
});

test("tar: a backslash is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "model\\x.bin", body: "x" }]), {
    code: "bundle_path_backslash",
    message: /backslashes are not allowed/,
  });
});

test("tar: a path over the length limit is refused", async () => {
  const long = `${"d/".repeat(150)}file.txt`;
  await expectRejected(rawTarGz([...valid, { path: long, body: "x" }]), {
    code: "bundle_path_too_long",
    message: /path is 308 characters; the limit is 255/,
  });
});

test("tar: control characters in a name are refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "bad\nname.txt", body: "x" }]), {
    code: "bundle_path_invalid",
    message: /control characters/,
  });
});

test("tar: an empty path segment is refused", async () => {
  await expectRejected(rawTarGz([...valid, { path: "model//x.bin", body: "x" }]), {
    code: "bundle_path_invalid",
    message: /empty or '\.' path segments/,
  });
});

test("zip: an absolute path is refused", async () => {
  await expectRejected(
    rawZip([{ name: "/tmp/x", body: "x" }]),
    { code: "bundle_path_absolute", message: /"\/tmp\/x"/ },
    { name: "bundle.zip" },
  );
});

test("zip: a '..' segment is refused", async () => {
  await expectRejected(
    rawZip([{ name: "../x", body: "x" }]),
    { code: "bundle_path_traversal", message: /"\.\.\/x": '\.\.' is not allowed/ },
    { name: "bundle.zip" },
  );
});

test("zip: a backslash is refused (not silently turned into a '/')", async () => {
  await expectRejected(
    rawZip([{ name: "..\\x", body: "x" }]),
    { code: "bundle_path_backslash", message: /backslashes/ },
    { name: "bundle.zip" },
  );
});

test("zip: a name that is not UTF-8 is refused", async () => {
  await expectRejected(
    rawZip([{ name: Buffer.from([0x66, 0xff, 0xfe]), body: "x" }]),
    { code: "bundle_path_invalid", message: /must be UTF-8/ },
    { name: "bundle.zip" },
  );
});
