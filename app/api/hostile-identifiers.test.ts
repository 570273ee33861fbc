import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import * as badge from "./benchmarks/[slug]/badge/route";
import * as compare from "./benchmarks/[slug]/compare/route";
import * as openData from "./benchmarks/[slug]/data/[dataset]/route";
import * as invites from "./benchmarks/[slug]/invites/route";
import * as leaderboard from "./benchmarks/[slug]/leaderboard/route";
import * as phase from "./benchmarks/[slug]/phases/[phaseId]/route";
import * as reevaluate from "./benchmarks/[slug]/reevaluate/route";
import * as reveal from "./benchmarks/[slug]/reveal/route";
import * as entrantMember from "./benchmarks/[slug]/teams/[teamId]/members/[userId]/route";
import * as entrantTeams from "./benchmarks/[slug]/teams/route";
import * as fromDefinition from "./benchmarks/from-definition/route";
import * as events from "./events/route";
import * as acceptInvite from "./invites/[id]/accept/route";
import * as preview from "./organize/authoring/preview/route";
import * as baseline from "./submissions/[id]/baseline/route";
import * as cancel from "./submissions/[id]/cancel/route";
import * as finalChoice from "./submissions/[id]/final-choice/route";
import * as moderation from "./submissions/[id]/moderation/route";
import * as submission from "./submissions/[id]/route";
import * as teamInvites from "./teams/[id]/invites/route";
import * as membership from "./teams/[id]/membership/route";
import * as teams from "./teams/route";
import * as token from "./tokens/[id]/route";
import * as tokens from "./tokens/route";
import * as users from "./users/route";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

// Every route that takes an identifier from its path or query, or a name in its body, walked with hostile values:
// NUL, an escape sequence, a path, a 5000-character value, a well-formed id of nothing. Each answers 400 or 404 with
// a JSON error naming the problem, never 500. The caller is an admin, so every check past authorization is reached.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let admin: Record<string, string>;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  admin = { cookie: await sessionCookie(await createUser(ctx.db, { role: "admin" })) };
});
after(async () => ctx.close());

type Handler = (req: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Call = {
  name: string;
  handler: Handler;
  method: string;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  also?: number;
};

const HOSTILE = ["\0", "a\0b", "\x1b[31mred", "../../etc/passwd", "x".repeat(5000), "%00", " "];
/** Well-formed, but of nothing: the answer is 404 (or 400 where the value is refused on other grounds). */
const MISSING_ID = "00000000-0000-4000-8000-000000000000";

async function call({ handler, method, params = {}, query = "", body }: Call) {
  const init: RequestInit = { method, headers: { ...admin, "content-type": "application/json" } };
  if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
  const response = await handler(new Request(`http://localhost/api/x${query}`, init), {
    params: Promise.resolve(params),
  });
  const text = await response.text();
  return { status: response.status, text };
}

async function assertRefused(what: Call) {
  const { status, text } = await call(what);
  const label = `${what.method} ${what.name} ${JSON.stringify(what.params ?? {}).slice(0, 120)} ${what.query?.slice(0, 120) ?? ""} ${JSON.stringify(what.body)?.slice(0, 120) ?? ""}`;
  assert.ok(status === 400 || status === 404 || status === what.also, `${label}: ${status} ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
  assert.ok(
    body.error?.code && body.error.message,
    `${label}: a JSON error with a code and a message: ${text.slice(0, 300)}`,
  );
  assert.equal(text.includes("\\u0000"), false, `${label}: the answer does not echo NUL`);
}

const h = (route: object, method: string) => (route as Record<string, Handler>)[method]!;

test("every path identifier that is malformed, hostile or of nothing is a 400 or 404 with a message", async () => {
  const slug = fixture.benchmark.slug;
  const bySlug: [string, Handler, string, Record<string, string>][] = [
    ["badge", h(badge, "GET"), "GET", {}],
    ["compare", h(compare, "GET"), "GET", {}],
    ["open data", h(openData, "GET"), "GET", { dataset: "results" }],
    ["invites", h(invites, "GET"), "GET", {}],
    ["invites", h(invites, "PATCH"), "PATCH", {}],
    ["leaderboard", h(leaderboard, "GET"), "GET", {}],
    ["phase", h(phase, "PATCH"), "PATCH", { phaseId: fixture.phase.id }],
    ["reevaluate", h(reevaluate, "GET"), "GET", {}],
    ["reevaluate", h(reevaluate, "POST"), "POST", {}],
    ["reveal", h(reveal, "GET"), "GET", {}],
    ["entrant teams", h(entrantTeams, "GET"), "GET", {}],
    ["entrant member", h(entrantMember, "DELETE"), "DELETE", { teamId: MISSING_ID, userId: MISSING_ID }],
  ];
  for (const [name, handler, method, rest] of bySlug) {
    for (const bad of [...HOSTILE, "no-such-benchmark"])
      await assertRefused({ name, handler, method, params: { slug: bad, ...rest } });
  }
  // A team's own routes answer a well-formed id of a team the caller is not in with 403, as for any other team.
  const byId: [string, Handler, string, Record<string, string>, unknown?, number?][] = [
    ["submission", h(submission, "GET"), "GET", {}],
    ["baseline", h(baseline, "PUT"), "PUT", {}, { isBaseline: true }],
    ["cancel", h(cancel, "POST"), "POST", {}],
    ["final choice", h(finalChoice, "PUT"), "PUT", {}, { selected: true }],
    ["moderation", h(moderation, "POST"), "POST", {}, { state: "hidden", reason: "a good reason" }],
    ["accept invite", h(acceptInvite, "POST"), "POST", {}],
    ["team invites", h(teamInvites, "POST"), "POST", {}, { email: "someone@example.org" }, 403],
    ["membership", h(membership, "DELETE"), "DELETE", {}, undefined, 403],
    ["token", h(token, "DELETE"), "DELETE", {}],
  ];
  for (const [name, handler, method, rest, body, also] of byId) {
    for (const bad of HOSTILE) await assertRefused({ name, handler, method, params: { id: bad, ...rest }, body });
    await assertRefused({ name, handler, method, params: { id: MISSING_ID, ...rest }, body, also });
  }
  // The audit log of an entry that does not exist is empty; a malformed id is refused.
  for (const bad of HOSTILE)
    await assertRefused({ name: "moderation", handler: h(moderation, "GET"), method: "GET", params: { id: bad } });
  for (const bad of [...HOSTILE, MISSING_ID]) {
    await assertRefused({
      name: "phase",
      handler: h(phase, "PATCH"),
      method: "PATCH",
      params: { slug, phaseId: bad },
      body: { name: "x" },
    });
    for (const key of ["teamId", "userId"]) {
      const params = { slug, teamId: MISSING_ID, userId: MISSING_ID, [key]: bad };
      await assertRefused({ name: "entrant member", handler: h(entrantMember, "DELETE"), method: "DELETE", params });
    }
  }
  await assertRefused({
    name: "open data",
    handler: h(openData, "GET"),
    method: "GET",
    params: { slug, dataset: "\0" },
  });
});

test("every query identifier that is malformed or hostile is a 400 or 404 with a message", async () => {
  const slug = fixture.benchmark.slug;
  const q = (s: string) => encodeURIComponent(s);
  for (const bad of HOSTILE) {
    await assertRefused({
      name: "badge",
      handler: h(badge, "GET"),
      method: "GET",
      params: { slug },
      query: `?entrant=${q(bad)}`,
    });
    await assertRefused({ name: "events", handler: h(events, "GET"), method: "GET", query: `?submission=${q(bad)}` });
    await assertRefused({ name: "events", handler: h(events, "GET"), method: "GET", query: `?benchmark=${q(bad)}` });
    await assertRefused({
      name: "compare",
      handler: h(compare, "GET"),
      method: "GET",
      params: { slug },
      query: `?ids=${q(bad)},a`,
    });
    await assertRefused({
      name: "compare",
      handler: h(compare, "GET"),
      method: "GET",
      params: { slug },
      query: `?ids=${MISSING_ID},${q(bad)}`,
    });
    for (const key of ["partition", "mode", "version", "tag", "format"]) {
      await assertRefused({
        name: "leaderboard",
        handler: h(leaderboard, "GET"),
        method: "GET",
        params: { slug },
        query: `?${key}=${q(bad)}&tag=${q("\0")}`,
      });
    }
    await assertRefused({
      name: "preview",
      handler: h(preview, "GET"),
      method: "GET",
      query: `?spec=${q(bad)}&episode=${q(bad)}`,
    });
  }
  await assertRefused({
    name: "badge",
    handler: h(badge, "GET"),
    method: "GET",
    params: { slug },
    query: `?entrant=${MISSING_ID}`,
  });
  await assertRefused({ name: "events", handler: h(events, "GET"), method: "GET", query: `?submission=${MISSING_ID}` });
  await assertRefused({
    name: "compare",
    handler: h(compare, "GET"),
    method: "GET",
    params: { slug },
    query: `?ids=${MISSING_ID},00000000-0000-4000-8000-000000000001`,
  });
});

test("names and bodies holding NUL or control characters are refused with a message saying which, and an empty phase edit is a 400", async () => {
  for (const bad of ["team\0name", "team\x1b[2Jname", "two\nlines", "rtl\u202eeman"]) {
    await assertRefused({ name: "teams", handler: h(teams, "POST"), method: "POST", body: { name: bad } });
    await assertRefused({ name: "tokens", handler: h(tokens, "POST"), method: "POST", body: { name: bad } });
    await assertRefused({
      name: "users",
      handler: h(users, "POST"),
      method: "POST",
      body: { email: "new@example.org", password: "correct horse battery", name: bad },
    });
    await assertRefused({
      name: "phase",
      handler: h(phase, "PATCH"),
      method: "PATCH",
      params: { slug: fixture.benchmark.slug, phaseId: fixture.phase.id },
      body: { name: bad },
    });
  }
  const { text } = await call({
    name: "teams",
    handler: h(teams, "POST"),
    method: "POST",
    body: { name: "team\0name" },
  });
  assert.match(text, /name: must not contain/);
  await assertRefused({
    name: "from definition",
    handler: h(fromDefinition, "POST"),
    method: "POST",
    body: { slug: "atari\0" },
  });
  await assertRefused({
    name: "moderation",
    handler: h(moderation, "POST"),
    method: "POST",
    params: { id: MISSING_ID },
    body: { state: "hidden", reason: "bad\0reason" },
  });
  await assertRefused({
    name: "invites",
    handler: h(invites, "PATCH"),
    method: "PATCH",
    params: { slug: fixture.benchmark.slug },
    body: { add: ["a\0@example.org"] },
  });
  // A NUL in a key, and in a field no schema reads, is refused too: nothing holding one reaches the database.
  await assertRefused({ name: "teams", handler: h(teams, "POST"), method: "POST", body: { name: "fine", "\0": 1 } });

  const empty = await call({
    name: "phase",
    handler: h(phase, "PATCH"),
    method: "PATCH",
    params: { slug: fixture.benchmark.slug, phaseId: fixture.phase.id },
    body: {},
  });
  assert.equal(empty.status, 400, empty.text);
  assert.match(empty.text, /at least one field to change/);
});
