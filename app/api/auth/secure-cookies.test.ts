import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { NextRequest } from "next/server";
import { createUser } from "@/testing/platform/fixtures";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { signInWithPassword } from "@/testing/platform/sign-in";
import { GET as listTokens } from "../tokens/route";

// A site served over https (its public URL says so): the configuration is read once per process, hence this file.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest({ NEXTAUTH_URL: "https://heldout.example" })));
after(async () => ctx.close());

const tokensWith = async (cookie: string) =>
  (await listTokens(new Request("https://heldout.example/api/tokens", { headers: { cookie } }))).status;

test("under https every cookie next-auth sets is Secure (and HttpOnly), the session one __Secure- prefixed", async () => {
  const user = await createUser(ctx.db);
  const signedIn = await signInWithPassword({ email: user.email, password: "correct horse battery" });
  const cookie = signedIn.cookie ?? "";
  assert.ok(cookie.startsWith("__Secure-next-auth.session-token="), signedIn.error ?? cookie);
  assert.ok(signedIn.setCookieLines!.length > 0);
  for (const line of signedIn.setCookieLines!) {
    assert.match(line, /;\s*Secure(;|$)/i, line);
    assert.match(line, /;\s*HttpOnly(;|$)/i, line);
    assert.match(line, /^__(Secure|Host)-/, line);
  }
  assert.equal(await tokensWith(cookie), 200);
  // The same session under the plain name (a cookie anyone on the network could plant over http) is nobody.
  const plain = cookie.replace(/^__Secure-/, "");
  assert.equal(await tokensWith(plain), 401);
});

test("under https the middleware adds HSTS to pages and API answers, with every other security header", async () => {
  const { middleware } = await import("@/middleware");
  for (const url of [
    "https://heldout.example/",
    "https://heldout.example/api/health",
    "https://heldout.example/signin",
  ]) {
    const headers = middleware(new NextRequest(url)).headers;
    assert.match(headers.get("strict-transport-security") ?? "", /max-age=\d{8}; includeSubDomains/, url);
    assert.match(headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/, url);
    for (const name of ["x-frame-options", "x-content-type-options", "referrer-policy", "permissions-policy"])
      assert.ok(headers.get(name), `${url} ${name}`);
  }
});
