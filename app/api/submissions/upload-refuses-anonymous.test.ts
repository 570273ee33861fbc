import assert from "node:assert/strict";
import fs from "node:fs";
import { after, before, test } from "node:test";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { POST } from "./route";
import { createUser } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

function uploadRequest(headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set("benchmark", "anything");
  form.set("bundle", new Blob([new Uint8Array(4096)]), "bundle.tar.gz");
  return new Request("http://localhost/api/submissions", { method: "POST", body: form, headers });
}

test("an upload without a session or token is refused with 401 and leaves no temp file", async () => {
  const response = await POST(uploadRequest());
  assert.equal(response.status, 401);
  const body = await response.json();
  assert.equal(body.error.code, "unauthenticated");
  assert.match(body.error.message, /Sign in/);
  assert.deepEqual(fs.existsSync(ctx.uploadsDir) ? fs.readdirSync(ctx.uploadsDir) : [], []);
});

test("an unknown or revoked API token is refused with 401, not treated as anonymous browsing", async () => {
  const response = await POST(uploadRequest({ authorization: "Bearer hdt_not-a-real-token" }));
  assert.equal(response.status, 401);
  assert.equal((await response.json()).error.code, "invalid_token");
});

test("a forged session cookie is refused with 401", async () => {
  const response = await POST(uploadRequest({ cookie: "next-auth.session-token=forged.jwt.value" }));
  assert.equal(response.status, 401);
});

test("a cross-site write with a valid session cookie is refused with 403", async () => {
  const user = await createUser(ctx.db);
  const response = await POST(
    uploadRequest({ cookie: await sessionCookie(user), origin: "https://evil.example", host: "localhost" }),
  );
  assert.equal(response.status, 403);
  assert.equal((await response.json()).error.code, "cross_origin");
});
