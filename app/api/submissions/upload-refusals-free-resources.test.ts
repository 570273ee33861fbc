import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { learnerFiles } from "@/testing/bundles/bundle-files";
import { openDescriptors } from "@/testing/bundles/scratch";
import { rawTarGz, TAR_TYPE } from "@/testing/bundles/tar-bytes";
import { rawZip } from "@/testing/bundles/zip-bytes";
import { bearer, startRouteTest } from "@/testing/platform/route-handlers";
import { POST } from "./route";
import { createUser } from "@/testing/platform/fixtures";

const MiB = 1024 * 1024;
const CAP = 4 * MiB;
const BOUNDARY = "----heldout-refusal-boundary";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let auth: string;
let unpackDir: string;
before(async () => {
  // Bundles are unpacked under the temp directory: point it at one of this file's own, to count what is left there.
  unpackDir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-unpack-test-"));
  ctx = await startRouteTest({ HELDOUT_MAX_BUNDLE_BYTES: String(CAP), TMPDIR: unpackDir });
  auth = await bearer(ctx.db, await createUser(ctx.db));
});
after(async () => {
  await ctx.close();
  fs.rmSync(unpackDir, { recursive: true, force: true });
});

type Part = { name: string; filename?: string; body: Buffer | string };

function encodeParts(parts: Part[], closed = true): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const file =
      part.filename === undefined ? "" : `; filename="${part.filename}"\r\nContent-Type: application/octet-stream`;
    chunks.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${file}\r\n\r\n`),
      Buffer.from(part.body),
      Buffer.from("\r\n"),
    );
  }
  if (closed) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

/**
 * A multipart body streamed 64 KiB at a time, as a slow client would send it, counting what the server pulled.
 * `abortAt`: the client goes away after that many bytes (the stream errors).
 */
function streamed(body: Buffer, options: { abortAt?: number } = {}) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (options.abortAt !== undefined && sent >= options.abortAt)
        return controller.error(new Error("client went away"));
      if (sent >= body.length) return controller.close();
      const chunk = body.subarray(sent, sent + 64 * 1024);
      sent += chunk.length;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  const request = new Request("http://localhost/api/submissions", {
    method: "POST",
    body: stream,
    headers: { authorization: auth, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    duplex: "half",
  } as RequestInit);
  return { request, sent: () => sent };
}

const filesUnder = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).sort() : [];
/** Sockets are left out: the database pool and the queue open and close connections on their own schedule. */
const fileDescriptors = () => openDescriptors().filter((fd) => !fd.includes("-> socket:"));
const leftovers = () => ({
  descriptors: fileDescriptors(),
  uploads: filesUnder(ctx.uploadsDir),
  unpacked: filesUnder(unpackDir),
});

/** Posts `body` and checks the refusal (status, code, message), and that descriptors and files are as before. */
async function expectRefusal(
  body: Buffer,
  expected: { status: number; code: string; message: RegExp },
  options: { abortAt?: number } = {},
) {
  const before = leftovers();
  const upload = streamed(body, options);
  const response = await POST(upload.request);
  const error = (await response.json()).error;
  assert.equal(response.status, expected.status, error?.message);
  assert.equal(error.code, expected.code, error.message);
  assert.match(error.message, expected.message);
  assert.deepEqual(leftovers(), before, "a refusal leaves no descriptor, temp file or unpacked file behind");
  return { sent: upload.sent() };
}

const benchmark: Part = { name: "benchmark", body: "glyphs-5w1s" };
const bundle = (body: Buffer | string, filename = "b.tar.gz"): Part => ({ name: "bundle", filename, body });
/** Big enough that the temp file's writer is still busy (backpressure) when the refusal comes. */
const big = Buffer.alloc(MiB, 7);
/** What follows the offending part: the server must answer without reading it. */
const rest = bundle(Buffer.alloc(3 * MiB, 1), "rest.bin");
const valid = Object.entries(learnerFiles()).map(([p, body]) => ({ path: p, body }));

test("warm-up: what the route opens once (the queue) is not counted as a leak", async () => {
  const response = await POST(streamed(encodeParts([benchmark, bundle("not an archive")])).request);
  assert.equal((await response.json()).error.code, "bundle_unknown_type");
});

test("a second bundle file: 400 naming it, at once, and nothing left", { timeout: 20_000 }, async () => {
  const body = encodeParts([benchmark, bundle(big), bundle(big), rest]);
  const { sent } = await expectRefusal(body, {
    status: 400,
    code: "invalid_request",
    message: /exactly one bundle file; "bundle" came twice/,
  });
  assert.ok(sent < body.length - 2 * MiB, `the server read ${sent} of ${body.length} bytes`);
});

test("another file field after the bundle: 400 naming the field, and nothing left", { timeout: 20_000 }, async () => {
  const body = encodeParts([benchmark, bundle(big), { name: "weights", filename: "w.bin", body: big }, rest]);
  const { sent } = await expectRefusal(body, {
    status: 400,
    code: "invalid_request",
    message: /Unexpected file field "weights"/,
  });
  assert.ok(sent < body.length - 2 * MiB, `the server read ${sent} of ${body.length} bytes`);
});

test(
  "a field over 4096 bytes after the bundle: 400 naming the field, and nothing left",
  { timeout: 20_000 },
  async () => {
    const body = encodeParts([bundle(big), { name: "name", body: "x".repeat(5000) }, benchmark, rest]);
    const { sent } = await expectRefusal(body, {
      status: 400,
      code: "invalid_request",
      message: /Field "name" is longer than 4096 bytes/,
    });
    assert.ok(sent < body.length - 2 * MiB, `the server read ${sent} of ${body.length} bytes`);
  },
);

test("more than 16 fields after the bundle: 400, and nothing left", { timeout: 20_000 }, async () => {
  const fields = Array.from({ length: 17 }, (_, i) => ({ name: `f${i}`, body: "v" }));
  const body = encodeParts([bundle(big), ...fields, rest]);
  const { sent } = await expectRefusal(body, {
    status: 400,
    code: "invalid_request",
    message: /At most 16 form fields/,
  });
  assert.ok(sent < body.length - 2 * MiB, `the server read ${sent} of ${body.length} bytes`);
});

test("a bundle over the cap: 413, and nothing left", { timeout: 20_000 }, async () => {
  const body = encodeParts([benchmark, bundle(Buffer.alloc(CAP + MiB, 3)), rest]);
  const { sent } = await expectRefusal(body, {
    status: 413,
    code: "bundle_too_large",
    message: /larger than the 4 MiB limit/,
  });
  assert.ok(sent < body.length - 2 * MiB, `the server read ${sent} of ${body.length} bytes`);
});

test(
  "a body over the cap outside any part (junk before the first boundary): 413 without reading it all",
  { timeout: 20_000 },
  async () => {
    const body = Buffer.concat([Buffer.alloc(50 * MiB, 0x20), encodeParts([benchmark, bundle(big)])]);
    const { sent } = await expectRefusal(body, {
      status: 413,
      code: "bundle_too_large",
      message: /larger than the 4 MiB limit/,
    });
    assert.ok(sent < CAP + 2 * MiB, `the server read ${sent} of ${body.length} bytes`);
  },
);

test("a truncated body (no closing boundary): 400, and nothing left", { timeout: 20_000 }, async () => {
  const body = encodeParts([benchmark, bundle(big)], false).subarray(0, MiB / 2);
  await expectRefusal(body, {
    status: 400,
    code: "invalid_request",
    message: /Malformed multipart body: Unexpected end of form/,
  });
});

test("the client going away mid-upload: 400, and nothing left", { timeout: 20_000 }, async () => {
  const body = encodeParts([benchmark, bundle(big)]);
  await expectRefusal(
    body,
    { status: 400, code: "upload_interrupted", message: /interrupted: client went away/ },
    { abortAt: MiB / 2 },
  );
});

const manyEntries = Array.from({ length: 2001 }, (_, i) => ({ path: `f${i}.txt`, body: "x" }));
const refusedArchives: {
  what: string;
  archive: Buffer;
  filename: string;
  status?: number;
  code: string;
  message: RegExp;
}[] = [
  {
    what: "tar.gz: a '..' path",
    archive: rawTarGz([...valid, { path: "../escape.txt", body: "x" }]),
    filename: "b.tar.gz",
    code: "bundle_path_traversal",
    message: /"\.\.\/escape\.txt": '\.\.' is not allowed/,
  },
  {
    what: "tar.gz: a symbolic link",
    archive: rawTarGz([...valid, { path: "link", type: TAR_TYPE.symlink, linkpath: "/etc/passwd" }]),
    filename: "b.tar.gz",
    code: "bundle_symlink",
    message: /symbolic links are not allowed/,
  },
  {
    what: "tar.gz: no manifest",
    archive: rawTarGz([{ path: "learner.mjs", body: "export default 1;\n" }]),
    filename: "b.tar.gz",
    code: "bundle_manifest_missing",
    message: /heldout\.json/,
  },
  {
    what: "zip: a '..' path",
    archive: rawZip([{ name: "../escape.txt", body: "x" }]),
    filename: "b.zip",
    code: "bundle_path_traversal",
    message: /"\.\.\/escape\.txt": '\.\.' is not allowed/,
  },
  {
    what: "zip: the same entry twice",
    archive: rawZip([
      { name: "a.txt", body: "1" },
      { name: "a.txt", body: "2" },
    ]),
    filename: "b.zip",
    code: "bundle_duplicate_entry",
    message: /"a\.txt" appears more than once/,
  },
  {
    what: "zip: a symbolic link",
    archive: rawZip([{ name: "link", body: "/etc/passwd", mode: 0o120777 }]),
    filename: "b.zip",
    code: "bundle_symlink",
    message: /symbolic links are not allowed/,
  },
  {
    what: "tar.gz: a file that inflates 200x past its archive",
    archive: rawTarGz([...valid, { path: "zeros.bin", body: Buffer.alloc(40 * MiB) }]),
    filename: "b.tar.gz",
    status: 413,
    code: "bundle_compression_ratio",
    message: /expands more than 200x/,
  },
  {
    what: "tar.gz: too many entries",
    archive: rawTarGz(manyEntries),
    filename: "b.tar.gz",
    status: 413,
    code: "bundle_too_many_files",
    message: /more than 2000 entries/,
  },
  {
    what: "zip: too many entries",
    archive: rawZip(manyEntries.map((e) => ({ name: e.path, body: e.body }))),
    filename: "b.zip",
    status: 413,
    code: "bundle_too_many_files",
    message: /has 2001 entries/,
  },
  {
    what: "zip: an entry declaring more than the unpacked cap",
    archive: rawZip([{ name: "huge.bin", body: "x", deflate: true, declaredSize: 300 * MiB }]),
    filename: "b.zip",
    status: 413,
    code: "bundle_uncompressed_too_large",
    message: /more than 256 MiB when unpacked/,
  },
  {
    what: "zip: a file that inflates 200x past its archive",
    archive: rawZip([{ name: "zeros.bin", body: Buffer.alloc(40 * MiB), deflate: true }]),
    filename: "b.zip",
    status: 413,
    code: "bundle_compression_ratio",
    message: /expands more than 200x/,
  },
  {
    what: "zip: an entry larger than its header says",
    archive: rawZip([{ name: "a.bin", body: Buffer.alloc(4096), deflate: true, declaredSize: 10 }]),
    filename: "b.zip",
    code: "bundle_corrupt",
    message: /not a readable \.zip archive/,
  },
];

for (const refused of refusedArchives) {
  test(`${refused.what}: the bundle's refusal, and nothing left`, { timeout: 20_000 }, async () => {
    await expectRefusal(encodeParts([benchmark, bundle(refused.archive, refused.filename)]), {
      status: refused.status ?? 400,
      code: refused.code,
      message: refused.message,
    });
  });
}
