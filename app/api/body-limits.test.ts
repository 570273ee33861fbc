import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { MAX_JSON_BYTES } from "@/lib/http/body";
import { bearer, startRouteTest } from "@/testing/platform/route-handlers";
import * as fromDefinition from "./benchmarks/from-definition/route";
import * as benchmarkInvites from "./benchmarks/[slug]/invites/route";
import * as phase from "./benchmarks/[slug]/phases/[phaseId]/route";
import * as publish from "./organize/authoring/publish/route";
import * as validate from "./organize/authoring/validate/route";
import * as baseline from "./submissions/[id]/baseline/route";
import * as finalChoice from "./submissions/[id]/final-choice/route";
import * as moderation from "./submissions/[id]/moderation/route";
import * as upload from "./submissions/route";
import * as teamInvites from "./teams/[id]/invites/route";
import * as teams from "./teams/route";
import * as tokens from "./tokens/route";
import * as users from "./users/route";
import { createUser } from "@/testing/platform/fixtures";

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

/**
 * A `bytes`-long body streamed 64 KiB at a time, the way a client sends a big upload: `sent()` is how much of it
 * the server pulled. The stream buffers one chunk ahead of its reader, so a body never read shows one chunk sent.
 */
function streamedBody(bytes: number, fill = "x") {
  const chunk = new TextEncoder().encode(fill.repeat(CHUNK));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.length;
    },
  });
  return { body, sent: () => sent };
}

function request(url: string, method: string, body: BodyInit, headers: Record<string, string> = {}) {
  return new Request(`http://localhost${url}`, {
    method,
    body,
    headers: { "content-type": "application/json", ...headers },
    duplex: "half",
  } as RequestInit);
}

/** Any of the route handlers: each reads its own params, so the test hands them over untyped. */
type Handler = (req: Request, context: { params: Promise<never> }) => Promise<Response>;
const id = "00000000-0000-4000-8000-000000000000";
const signedInRoutes: {
  name: string;
  url: string;
  method: string;
  handler: Handler;
  params?: Record<string, string>;
}[] = [
  { name: "POST /api/teams", url: "/api/teams", method: "POST", handler: teams.POST },
  {
    name: "POST /api/teams/[id]/invites",
    url: `/api/teams/${id}/invites`,
    method: "POST",
    handler: teamInvites.POST,
    params: { id },
  },
  { name: "POST /api/tokens", url: "/api/tokens", method: "POST", handler: tokens.POST },
  { name: "POST /api/submissions", url: "/api/submissions", method: "POST", handler: upload.POST },
  {
    name: "POST /api/submissions/[id]/moderation",
    url: `/api/submissions/${id}/moderation`,
    method: "POST",
    handler: moderation.POST,
    params: { id },
  },
  {
    name: "PUT /api/submissions/[id]/final-choice",
    url: `/api/submissions/${id}/final-choice`,
    method: "PUT",
    handler: finalChoice.PUT,
    params: { id },
  },
  {
    name: "PUT /api/submissions/[id]/baseline",
    url: `/api/submissions/${id}/baseline`,
    method: "PUT",
    handler: baseline.PUT,
    params: { id },
  },
  {
    name: "POST /api/organize/authoring/publish",
    url: "/api/organize/authoring/publish",
    method: "POST",
    handler: publish.POST,
  },
  {
    name: "POST /api/organize/authoring/validate",
    url: "/api/organize/authoring/validate",
    method: "POST",
    handler: validate.POST,
  },
  {
    name: "PATCH /api/benchmarks/[slug]/phases/[phaseId]",
    url: `/api/benchmarks/b/phases/${id}`,
    method: "PATCH",
    handler: phase.PATCH,
    params: { slug: "b", phaseId: id },
  },
  {
    name: "PATCH /api/benchmarks/[slug]/invites",
    url: "/api/benchmarks/b/invites",
    method: "PATCH",
    handler: benchmarkInvites.PATCH,
    params: { slug: "b" },
  },
  {
    name: "POST /api/benchmarks/from-definition",
    url: "/api/benchmarks/from-definition",
    method: "POST",
    handler: fromDefinition.POST,
  },
];

for (const route of signedInRoutes) {
  test(`${route.name}: a 50 MiB body without sign-in gets 401 before any of it is read`, async () => {
    const body = streamedBody(50 * MiB);
    const response = await route.handler(request(route.url, route.method, body.body), {
      params: Promise.resolve(route.params ?? {}) as Promise<never>,
    });
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error.code, "unauthenticated");
    assert.ok(body.sent() <= CHUNK, `the server pulled ${body.sent()} bytes of a body it should not read`);
  });
}

test("sign-up (public): a 50 MiB body gets 413 after reading at most the 64 KiB cap and one chunk", async () => {
  const body = streamedBody(50 * MiB);
  const response = await users.POST(request("/api/users", "POST", body.body));
  assert.equal(response.status, 413);
  const error = (await response.json()).error;
  assert.equal(error.code, "body_too_large");
  assert.equal(error.message, "The request body is larger than the 64 KiB limit.");
  assert.ok(body.sent() <= MAX_JSON_BYTES + 2 * CHUNK, `the server pulled ${body.sent()} of 50 MiB`);
});

test("sign-up: a declared Content-Length over the cap gets 413 with nothing read", async () => {
  const body = streamedBody(50 * MiB);
  const response = await users.POST(request("/api/users", "POST", body.body, { "content-length": String(50 * MiB) }));
  assert.equal(response.status, 413);
  assert.equal((await response.json()).error.code, "body_too_large");
  assert.ok(body.sent() <= CHUNK, `the server pulled ${body.sent()} bytes`);
});

test("signed in: a body over 64 KiB gets 413 after reading at most the cap and one chunk", async () => {
  const auth = await bearer(ctx.db, await createUser(ctx.db));
  const body = streamedBody(50 * MiB);
  const response = await tokens.POST(request("/api/tokens", "POST", body.body, { authorization: auth }));
  assert.equal(response.status, 413);
  assert.ok(body.sent() <= MAX_JSON_BYTES + 2 * CHUNK, `the server pulled ${body.sent()} of 50 MiB`);
});

test("a body of exactly 64 KiB is read and parsed; one byte more is refused", async () => {
  const auth = await bearer(ctx.db, await createUser(ctx.db));
  const json = (length: number) => {
    const prefix = '{"name":"t","pad":"';
    return `${prefix}${"p".repeat(length - prefix.length - 2)}"}`;
  };
  const atCap = await tokens.POST(request("/api/tokens", "POST", json(MAX_JSON_BYTES), { authorization: auth }));
  assert.equal(atCap.status, 201, await atCap.clone().text());
  const over = await tokens.POST(request("/api/tokens", "POST", json(MAX_JSON_BYTES + 1), { authorization: auth }));
  assert.equal(over.status, 413);
});

test("a body that is not UTF-8 gets a 400 saying so", async () => {
  const response = await users.POST(request("/api/users", "POST", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])));
  assert.equal(response.status, 400);
  assert.equal((await response.json()).error.message, "The request body is not valid UTF-8.");
});
