import { test } from "node:test";
import zlib from "node:zlib";
import { learnerFiles } from "@/testing/bundles/bundle-files";
import { expectRejected } from "@/testing/bundles/scratch";
import { rawTar, rawTarGz } from "@/testing/bundles/tar-bytes";
import { rawZip } from "@/testing/bundles/zip-bytes";

const valid = Object.entries(learnerFiles()).map(([path, body]) => ({ path, body }));
const MiB = 1024 * 1024;

/**
 * A .tar.gz bomb: three 100 MiB files of zeros, each body made of 100 tiny gzip members (a valid multi-member
 * gzip stream). ~300 KiB on disk, 300 MiB when inflated.
 */
function gzipBomb(): Buffer {
  const zeros = zlib.gzipSync(Buffer.alloc(MiB), { level: 9 });
  const parts = [zlib.gzipSync(rawTar(valid).subarray(0, -1024))];
  for (let i = 0; i < 3; i++) {
    parts.push(zlib.gzipSync(rawTar([{ path: `weights${i}.bin`, declaredSize: 100 * MiB }]).subarray(0, 512)));
    for (let j = 0; j < 100; j++) parts.push(zeros);
  }
  return Buffer.concat([...parts, zlib.gzipSync(Buffer.alloc(1024))]);
}

test("an archive over the size cap is refused with 413", async () => {
  await expectRejected(
    rawTarGz(valid),
    { code: "bundle_too_large", status: 413, message: /larger than 100 bytes/ },
    { limits: { maxArchiveBytes: 100 } },
  );
});

test("a decompression bomb is stopped at the total uncompressed cap", async () => {
  await expectRejected(
    gzipBomb(),
    { code: "bundle_uncompressed_too_large", status: 413, message: /more than 16 MiB when unpacked/ },
    { limits: { maxRatio: 1e9, maxUncompressedBytes: 16 * MiB } },
  );
});

test("a decompression bomb is stopped by the expansion ratio with the default limits", async () => {
  await expectRejected(gzipBomb(), {
    code: "bundle_compression_ratio",
    status: 413,
    message: /expands more than 200x/,
  });
});

test("data after the end of a tar archive is refused, not buffered", async () => {
  const trailing = Buffer.concat([rawTar(valid), Buffer.alloc(4 * MiB)]);
  await expectRejected(zlib.gzipSync(trailing), {
    code: "bundle_corrupt",
    message: /unexpected data after the end of the archive/,
  });
});

test("a file over the per-file cap is refused", async () => {
  await expectRejected(
    rawTarGz([...valid, { path: "big.bin", body: Buffer.alloc(2000) }]),
    { code: "bundle_file_too_large", status: 413, message: /"big\.bin" is larger than 1000 bytes/ },
    { limits: { maxFileBytes: 1000 } },
  );
});

test("tar: too many entries are refused", async () => {
  const many = Array.from({ length: 10 }, (_, i) => ({ path: `f${i}.txt`, body: "x" }));
  await expectRejected(
    rawTarGz([...valid, ...many]),
    { code: "bundle_too_many_files", status: 413, message: /more than 5 entries/ },
    { limits: { maxEntries: 5 } },
  );
});

test("zip: too many entries are refused from the central directory, before extracting", async () => {
  const many = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}.txt`, body: "x" }));
  await expectRejected(
    rawZip(many),
    { code: "bundle_too_many_files", status: 413, message: /has 10 entries; the limit is 5/ },
    { limits: { maxEntries: 5 }, name: "b.zip" },
  );
});

test("zip: a deflated entry over the per-file cap is refused", async () => {
  await expectRejected(
    rawZip([{ name: "big.bin", body: Buffer.alloc(4096), deflate: true }]),
    { code: "bundle_file_too_large", message: /"big\.bin" is larger than 1000 bytes/ },
    { limits: { maxFileBytes: 1000 }, name: "b.zip" },
  );
});

test("zip: an entry that inflates past the size its header declares is refused", async () => {
  await expectRejected(
    rawZip([{ name: "liar.bin", body: Buffer.alloc(MiB), deflate: true, declaredSize: 10 }]),
    { code: "bundle_corrupt", message: /not a readable \.zip archive/ },
    { name: "b.zip" },
  );
});

test("a gzip inside the gzip is refused", async () => {
  await expectRejected(zlib.gzipSync(rawTarGz(valid)), {
    code: "bundle_nested_compression",
    message: /compressed twice/,
  });
});
