import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { bearer, startRouteTest } from "@/testing/platform/route-handlers";
import { POST } from "./route";
import { createUser } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let auth: string;
before(async () => {
  ctx = await startRouteTest();
  auth = await bearer(ctx.db, await createUser(ctx.db));
});
after(async () => ctx.close());

async function post(form: FormData | string, contentType?: string) {
  const headers: Record<string, string> = { authorization: auth };
  if (contentType) headers["content-type"] = contentType;
  const response = await POST(new Request("http://localhost/api/submissions", { method: "POST", body: form, headers }));
  return { status: response.status, body: await response.json() };
}

const leftovers = () => (fs.existsSync(ctx.uploadsDir) ? fs.readdirSync(ctx.uploadsDir) : []);

test("no benchmark field → 400 naming the field, temp file removed", async () => {
  const form = new FormData();
  form.set("bundle", new Blob([new Uint8Array(100)]), "b.tar.gz");
  const { status, body } = await post(form);
  assert.equal(status, 400);
  assert.equal(body.error.code, "invalid_request");
  assert.match(body.error.message, /^benchmark: required/);
  assert.deepEqual(leftovers(), []);
});

test("no bundle file → 400 saying which field to attach", async () => {
  const form = new FormData();
  form.set("benchmark", "glyphs-5w1s");
  const { status, body } = await post(form);
  assert.equal(status, 400);
  assert.match(body.error.message, /bundle: attach the bundle archive/);
});

test("an empty bundle file → 400", async () => {
  const form = new FormData();
  form.set("benchmark", "glyphs-5w1s");
  form.set("bundle", new Blob([]), "empty.zip");
  const { status } = await post(form);
  assert.equal(status, 400);
  assert.deepEqual(leftovers(), []);
});

test("a file under another field name → 400 naming the expected field", async () => {
  const form = new FormData();
  form.set("benchmark", "glyphs-5w1s");
  form.set("archive", new Blob([new Uint8Array(10)]), "b.zip");
  const { status, body } = await post(form);
  assert.equal(status, 400);
  assert.match(body.error.message, /send the bundle as "bundle"/);
});

test("a body that is not multipart → 400", async () => {
  const { status, body } = await post(JSON.stringify({ benchmark: "x" }), "application/json");
  assert.equal(status, 400);
  assert.match(body.error.message, /multipart\/form-data/);
});
