import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { bearer, startRouteTest } from "@/testing/platform/route-handlers";
import { POST } from "./route";
import { createUser } from "@/testing/platform/fixtures";

const CAP = 4096;
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let auth: string;
before(async () => {
  ctx = await startRouteTest({ HELDOUT_MAX_BUNDLE_BYTES: String(CAP) });
  auth = await bearer(ctx.db, await createUser(ctx.db));
});
after(async () => ctx.close());

const BOUNDARY = "----heldout-test-boundary";

/** A multipart body streamed in chunks with no Content-Length, counting how much of it the server pulled. */
function streamedUpload(fileBytes: number) {
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="benchmark"\r\n\r\nglyphs\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="bundle"; filename="big.tar.gz"\r\nContent-Type: application/gzip\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = Buffer.alloc(1024, 7);
  let sent = 0;
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      if (sent === 0) controller.enqueue(head);
      if (sent < fileBytes) {
        controller.enqueue(chunk);
        sent += chunk.length;
      } else {
        controller.enqueue(tail);
        controller.close();
      }
    },
  });
  const request = new Request("http://localhost/api/submissions", {
    method: "POST",
    body,
    headers: { authorization: auth, "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    duplex: "half",
  } as RequestInit);
  return { request, sentBytes: () => sent, pulls: () => pulled };
}

test("a streamed bundle over the cap gets 413, the server stops reading, and no temp file is left", async () => {
  const upload = streamedUpload(1024 * 1024);
  const response = await POST(upload.request);
  assert.equal(response.status, 413);
  const body = await response.json();
  assert.equal(body.error.code, "bundle_too_large");
  assert.equal(body.error.message, "The bundle is larger than the 4 KiB limit of this server.");
  assert.ok(
    upload.sentBytes() < 64 * 1024,
    `the server read ${upload.sentBytes()} bytes of a 1 MiB body after the cap`,
  );
  assert.deepEqual(fs.readdirSync(ctx.uploadsDir), []);
});

test("a declared Content-Length far over the cap is refused before reading the body", async () => {
  const form = new FormData();
  form.set("benchmark", "glyphs");
  form.set("bundle", new Blob([new Uint8Array(200 * 1024)]), "big.zip");
  const request = new Request("http://localhost/api/submissions", {
    method: "POST",
    body: form,
    headers: { authorization: auth, "content-length": String(200 * 1024 + 300) },
  });
  const response = await POST(request);
  assert.equal(response.status, 413);
  assert.equal((await response.json()).error.code, "bundle_too_large");
});
