import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { setBenchmarkVisibility } from "@/db/queries/benchmark-invites";
import type { User } from "@/db/queries/users";
import { sampleReportedResult } from "@/testing/specs/reported-result";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { DELETE } from "./[id]/route";
import { GET, POST } from "./route";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let owner: User;
const cookies: Record<string, string> = {};

before(async () => {
  ctx = await startRouteTest();
  owner = await createUser(ctx.db, { role: "organizer" });
  fixture = await createBenchmark(ctx.db, { owner });
  cookies.owner = await sessionCookie(owner);
  cookies.participant = await sessionCookie(await createUser(ctx.db));
});
after(async () => ctx.close());

type Handler = (req: Request, context: { params: Promise<never> }) => Promise<Response>;
function call(
  handler: unknown,
  method: string,
  params: Record<string, string>,
  options: { cookie?: string; body?: string } = {},
) {
  const req = new Request(
    `http://localhost:3000/api/benchmarks/${params.slug}/reported${params.id ? `/${params.id}` : ""}`,
    {
      method,
      headers: {
        ...(options.cookie ? { cookie: options.cookie } : {}),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: options.body,
    },
  );
  return (handler as Handler)(req, { params: Promise.resolve(params) as Promise<never> });
}
const slug = () => fixture.benchmark.slug;

test("an organizer adds a result (201); anyone who may see the benchmark lists it", async () => {
  const added = await call(
    POST,
    "POST",
    { slug: slug() },
    { cookie: cookies.owner, body: JSON.stringify(sampleReportedResult()) },
  );
  assert.equal(added.status, 201);
  const body = await added.json();
  assert.equal(body.method, "Prototypical Networks");
  const listed = await (await call(GET, "GET", { slug: slug() })).json();
  assert.deepEqual(
    listed.reported.map((r: { id: string }) => r.id),
    [body.id],
  );
});

test("bad bodies get a specific 400: NUL bytes, javascript: links, text past the limits", async () => {
  const post = async (body: string) => {
    const response = await call(POST, "POST", { slug: slug() }, { cookie: cookies.owner, body });
    assert.equal(response.status, 400);
    return (await response.json()).error.message;
  };
  const sample = sampleReportedResult();
  assert.equal(
    await post(JSON.stringify({ ...sample, method: "a\u0000b" })),
    "method: must not contain a NUL character (U+0000).",
  );
  assert.equal(
    await post(JSON.stringify({ ...sample, paper: { ...sample.paper, url: "javascript:alert(1)" } })),
    "paper.url: must be an http:// or https:// link",
  );
  assert.equal(await post(JSON.stringify({ ...sample, table: "t".repeat(301) })), "table: at most 300 characters");
  assert.equal(await post("{not json"), "The request body is not valid JSON.");
  const huge = await call(
    POST,
    "POST",
    { slug: slug() },
    { cookie: cookies.owner, body: JSON.stringify({ ...sample, protocol: "p".repeat(70_000) }) },
  );
  assert.equal(huge.status, 413);
});

test("denials come before the body is read: anonymous 401, participant 403, even with a bad body", async () => {
  assert.equal((await call(POST, "POST", { slug: slug() }, { body: "{not json" })).status, 401);
  assert.equal(
    (await call(POST, "POST", { slug: slug() }, { cookie: cookies.participant, body: "{not json" })).status,
    403,
  );
  const [entry] = (await (await call(GET, "GET", { slug: slug() })).json()).reported;
  assert.equal((await call(DELETE, "DELETE", { slug: slug(), id: entry.id })).status, 401);
  assert.equal(
    (await call(DELETE, "DELETE", { slug: slug(), id: entry.id }, { cookie: cookies.participant })).status,
    403,
  );
  assert.equal((await call(DELETE, "DELETE", { slug: slug(), id: entry.id }, { cookie: cookies.owner })).status, 204);
  assert.equal((await call(DELETE, "DELETE", { slug: slug(), id: entry.id }, { cookie: cookies.owner })).status, 404);
  assert.equal(
    (await call(DELETE, "DELETE", { slug: slug(), id: "not-an-id" }, { cookie: cookies.owner })).status,
    404,
  );
});

test("an invite-only benchmark's results are a 404 to those not invited, an unknown benchmark too", async () => {
  await setBenchmarkVisibility(ctx.db, { benchmarkId: fixture.benchmark.id, visibility: "invite" });
  assert.equal((await call(GET, "GET", { slug: slug() })).status, 404);
  assert.equal((await call(GET, "GET", { slug: slug() }, { cookie: cookies.participant })).status, 404);
  assert.equal((await call(GET, "GET", { slug: slug() }, { cookie: cookies.owner })).status, 200);
  assert.equal((await call(GET, "GET", { slug: "nope" })).status, 404);
  await setBenchmarkVisibility(ctx.db, { benchmarkId: fixture.benchmark.id, visibility: "public" });
});
