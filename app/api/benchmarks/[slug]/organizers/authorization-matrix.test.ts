import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { User } from "@/db/queries/users";
import { sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { PUT as baseline } from "@/app/api/submissions/[id]/baseline/route";
import { GET as moderationLog, POST as moderate } from "@/app/api/submissions/[id]/moderation/route";
import { POST as publish } from "@/app/api/organize/authoring/publish/route";
import { GET as invites, PATCH as changeInvites } from "../invites/route";
import { PATCH as editPhase } from "../phases/[phaseId]/route";
import { GET as reevaluationStatus, POST as reevaluate } from "../reevaluate/route";
import { DELETE as deleteReported } from "../reported/[id]/route";
import { POST as addReported } from "../reported/route";
import { sampleReportedResult } from "@/testing/specs/reported-result";
import { DELETE as removeMember } from "../teams/[teamId]/members/[userId]/route";
import { GET as teams } from "../teams/route";
import { DELETE as removeOrganizer, POST as addOrganizer } from "./route";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

/** A well-formed id that names nothing (a malformed one is refused as not found before anyone is asked who they are). */
const NO_ID = "00000000-0000-4000-8000-000000000000";

// Every organizer route of one benchmark, called as each kind of caller. Allowed callers may still get a 400 or 404
// from the route's own checks; what matters here is that the denied ones get 401/403 and the allowed ones do not.
type Role = "anonymous" | "participant" | "other organizer" | "owner" | "co-organizer" | "admin";
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let entryId: string;
const cookies = new Map<Role, string | undefined>();
let coOrganizer: User;

before(async () => {
  ctx = await startRouteTest();
  const [participant, otherOrganizer, owner, admin] = [
    await createUser(ctx.db),
    await createUser(ctx.db, { role: "organizer" }),
    await createUser(ctx.db, { role: "organizer" }),
    await createUser(ctx.db, { role: "admin" }),
  ];
  coOrganizer = await createUser(ctx.db);
  fixture = await createBenchmark(ctx.db, { owner });
  await createBenchmark(ctx.db, { owner: otherOrganizer });
  entryId = (await insertFinishedSubmission(ctx.db, { fixture, user: participant })).id;
  cookies.set("anonymous", undefined);
  cookies.set("participant", await sessionCookie(participant));
  cookies.set("other organizer", await sessionCookie(otherOrganizer));
  cookies.set("owner", await sessionCookie(owner));
  cookies.set("admin", await sessionCookie(admin));
  const added = await call(
    addOrganizer,
    "POST",
    `/api/benchmarks/${fixture.benchmark.slug}/organizers`,
    { slug: fixture.benchmark.slug },
    "owner",
    { email: coOrganizer.email },
  );
  assert.equal(added, 201);
  cookies.set("co-organizer", await sessionCookie(coOrganizer));
});
after(async () => ctx.close());

type Handler = (req: Request, context: { params: Promise<never> }) => Promise<Response>;
async function call(
  handler: unknown,
  method: string,
  url: string,
  params: Record<string, string>,
  role: Role,
  body?: unknown,
): Promise<number> {
  const cookie = cookies.get(role);
  const req = new Request(`http://localhost:3000${url}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await (handler as Handler)(req, { params: Promise.resolve(params) as Promise<never> })).status;
}

const ORGANIZERS: Role[] = ["owner", "co-organizer", "admin"];
const ALL: Role[] = ["anonymous", "participant", "other organizer", "owner", "co-organizer", "admin"];

const reported = sampleReportedResult();

function routes() {
  const slug = fixture.benchmark.slug;
  const base = `/api/benchmarks/${slug}`;
  return [
    { name: "GET invites", run: (r: Role) => call(invites, "GET", `${base}/invites`, { slug }, r) },
    {
      name: "PATCH invites",
      run: (r: Role) => call(changeInvites, "PATCH", `${base}/invites`, { slug }, r, { visibility: "public" }),
    },
    {
      name: "PATCH phase",
      run: (r: Role) =>
        call(editPhase, "PATCH", `${base}/phases/${fixture.phase.id}`, { slug, phaseId: fixture.phase.id }, r, {
          quotaPerDay: 7,
        }),
    },
    { name: "GET reevaluate", run: (r: Role) => call(reevaluationStatus, "GET", `${base}/reevaluate`, { slug }, r) },
    { name: "POST reevaluate", run: (r: Role) => call(reevaluate, "POST", `${base}/reevaluate`, { slug }, r) },
    { name: "GET teams", run: (r: Role) => call(teams, "GET", `${base}/teams`, { slug }, r) },
    {
      name: "DELETE team member",
      run: (r: Role) =>
        call(
          removeMember,
          "DELETE",
          `${base}/teams/${NO_ID}/members/${NO_ID}`,
          { slug, teamId: NO_ID, userId: NO_ID },
          r,
        ),
    },
    {
      name: "PUT baseline",
      run: (r: Role) =>
        call(baseline, "PUT", `/api/submissions/${entryId}/baseline`, { id: entryId }, r, { isBaseline: false }),
    },
    {
      name: "POST moderation",
      run: (r: Role) =>
        call(moderate, "POST", `/api/submissions/${entryId}/moderation`, { id: entryId }, r, {
          state: "visible",
          reason: "checked",
        }),
    },
    {
      name: "GET moderation",
      run: (r: Role) => call(moderationLog, "GET", `/api/submissions/${entryId}/moderation`, { id: entryId }, r),
    },
    {
      name: "POST publish (edit)",
      run: (r: Role) =>
        call(publish, "POST", "/api/organize/authoring/publish", {}, r, { yaml: "slug: x", edit: slug }),
    },
    { name: "POST reported", run: (r: Role) => call(addReported, "POST", `${base}/reported`, { slug }, r, reported) },
    {
      name: "DELETE reported",
      run: (r: Role) => call(deleteReported, "DELETE", `${base}/reported/${NO_ID}`, { slug, id: NO_ID }, r),
    },
  ];
}

test("every organizer route: anonymous 401; participant and another benchmark's organizer 403; owner, co-organizer and admin pass", async () => {
  for (const { name, run } of routes()) {
    for (const role of ALL) {
      const status = await run(role);
      if (role === "anonymous") assert.equal(status, 401, `${name} as ${role}`);
      else if (ORGANIZERS.includes(role)) assert.ok(status !== 401 && status !== 403, `${name} as ${role}: ${status}`);
      else assert.equal(status, 403, `${name} as ${role}`);
    }
  }
});

test("co-organizers: only the owner and admins add or remove them; the organizer role alone cannot", async () => {
  const slug = fixture.benchmark.slug;
  const url = `/api/benchmarks/${slug}/organizers`;
  const newcomer = await createUser(ctx.db);
  for (const role of ["participant", "other organizer", "co-organizer"] as Role[]) {
    assert.equal(await call(addOrganizer, "POST", url, { slug }, role, { email: newcomer.email }), 403, role);
    assert.equal(await call(removeOrganizer, "DELETE", url, { slug }, role, { email: coOrganizer.email }), 403, role);
  }
  assert.equal(await call(addOrganizer, "POST", url, { slug }, "anonymous", { email: newcomer.email }), 401);
  assert.equal(await call(addOrganizer, "POST", url, { slug }, "admin", { email: newcomer.email }), 201);
  assert.equal(await call(removeOrganizer, "DELETE", url, { slug }, "owner", { email: newcomer.email }), 204);
  assert.equal(await call(removeOrganizer, "DELETE", url, { slug }, "owner", { email: newcomer.email }), 404);
  assert.equal(await call(addOrganizer, "POST", url, { slug }, "owner", { email: "nobody@example.org" }), 404);
});

test("an unknown benchmark is a 404 for organizers, never a 500", async () => {
  assert.equal(await call(invites, "GET", "/api/benchmarks/nope/invites", { slug: "nope" }, "owner"), 404);
  assert.equal(
    await call(baseline, "PUT", "/api/submissions/nope/baseline", { id: "nope" }, "owner", { isBaseline: true }),
    404,
  );
});
