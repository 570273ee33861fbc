import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { benchmarks } from "@/db/schema";
import { packBundle } from "@/evaluator/bundle";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { GET as listBenchmarks } from "../../route";
import { GET as badge } from "../badge/route";
import { GET as compare } from "../compare/route";
import { GET as data } from "../data/[dataset]/route";
import { GET as leaderboard } from "../leaderboard/route";
import { GET as events } from "../../../events/route";
import { POST as upload } from "../../../submissions/route";
import { GET as submission } from "../../../submissions/[id]/route";
import { PATCH } from "./route";
import { createBenchmark, createOrganizerOf, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";

// An invite-only benchmark is, for everyone not invited, indistinguishable from one that does not exist: every
// page-backing API answers 404 the same way as for an unknown slug. Invited users (by email, any case) see and enter it.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let entries: string[];
let archive: Buffer;
let organizer: Awaited<ReturnType<typeof createUser>>;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  organizer = await createOrganizerOf(ctx.db, fixture);
  const author = await createUser(ctx.db);
  entries = [
    (await insertFinishedSubmission(ctx.db, { fixture, user: author, accuracy: { public: 0.8, private: 0.8 } })).id,
    (await insertFinishedSubmission(ctx.db, { fixture, user: author, accuracy: { public: 0.6, private: 0.6 } })).id,
  ];
  await ctx.db.update(benchmarks).set({ visibility: "invite" }).where(eq(benchmarks.id, fixture.benchmark.id));
  const packed = await packBundle(path.join("benchmarks", "baselines", "random"));
  archive = fs.readFileSync(packed);
  fs.rmSync(path.dirname(packed), { recursive: true, force: true });
});
after(async () => ctx.close());

const slug = () => fixture.benchmark.slug;
const params = <P>(p: P) => ({ params: Promise.resolve(p) });

/** Every read a reader's browser or script makes about the benchmark, as [what, status]. */
async function statuses(headers: Record<string, string>, name = slug()) {
  const req = (url: string) => new Request(`http://localhost${url}`, { headers });
  const abort = new AbortController();
  const stream = await events(
    new Request(`http://localhost/api/events?benchmark=${name}`, { headers, signal: abort.signal }),
  );
  abort.abort();
  return {
    leaderboard: (await leaderboard(req(`/api/benchmarks/${name}/leaderboard`), params({ slug: name }))).status,
    csv: (await leaderboard(req(`/api/benchmarks/${name}/leaderboard?format=csv`), params({ slug: name }))).status,
    compare: (await compare(req(`/api/benchmarks/${name}/compare?ids=${entries.join(",")}`), params({ slug: name })))
      .status,
    data: (await data(req(`/api/benchmarks/${name}/data/results`), params({ slug: name, dataset: "results" }))).status,
    badge: (await badge(req(`/api/benchmarks/${name}/badge?entrant=x&format=json`), params({ slug: name }))).status,
    events: stream.status,
    submission: (await submission(req(`/api/submissions/${entries[0]}`), params({ id: entries[0]! }))).status,
  };
}

async function listed(headers: Record<string, string>) {
  const body = await (await listBenchmarks(new Request("http://localhost/api/benchmarks", { headers }))).json();
  return body.benchmarks.some((b: { slug: string }) => b.slug === slug());
}

function submit(headers: Record<string, string>) {
  const form = new FormData();
  form.set("benchmark", slug());
  form.set("bundle", new Blob([new Uint8Array(archive)]), "random.tar.gz");
  return upload(new Request("http://localhost/api/submissions", { method: "POST", body: form, headers }));
}

const hidden = { leaderboard: 404, csv: 404, compare: 404, data: 404, badge: 404, events: 404, submission: 404 };

test("anonymous readers and uninvited participants get exactly what an unknown benchmark gives", async () => {
  const stranger = await createUser(ctx.db);
  for (const headers of [
    {},
    { cookie: await sessionCookie(stranger) },
    { authorization: await bearer(ctx.db, stranger) },
  ] as Record<string, string>[]) {
    assert.deepEqual(await statuses(headers), hidden);
    assert.equal(await listed(headers), false);
  }
  const unknown = await (
    await leaderboard(new Request("http://localhost/api/benchmarks/no-such/leaderboard"), params({ slug: "no-such" }))
  ).json();
  const refused = await (
    await leaderboard(new Request(`http://localhost/api/benchmarks/${slug()}/leaderboard`), params({ slug: slug() }))
  ).json();
  assert.equal(refused.error.code, unknown.error.code);
  assert.equal(refused.error.message, unknown.error.message.replace("no-such", slug()));
  const response = await submit({ authorization: await bearer(ctx.db, stranger) });
  assert.equal(response.status, 404);
  assert.equal((await response.json()).error.message, `No benchmark named '${slug()}'.`);
});

test("an invited user (email in any case) sees it everywhere and may submit; removed again, it is gone", async () => {
  const guest = await createUser(ctx.db);
  const organizerCookie = await sessionCookie(organizer);
  const change = (body: unknown) =>
    PATCH(
      new Request(`http://localhost/api/benchmarks/${slug()}/invites`, {
        method: "PATCH",
        body: JSON.stringify(body),
        headers: { cookie: organizerCookie },
      }),
      params({ slug: slug() }),
    );
  const added = await change({ add: [` ${guest.email.toUpperCase()} `] });
  assert.equal(added.status, 200);
  assert.deepEqual((await added.json()).added, [guest.email]);

  const headers = { cookie: await sessionCookie(guest) };
  const seen = await statuses(headers);
  assert.deepEqual(seen, {
    ...seen,
    leaderboard: 200,
    csv: 200,
    compare: 200,
    data: 200,
    events: 200,
    submission: 200,
  });
  assert.equal(seen.badge, 404, "the badge of an entrant without an entry is a 404 of its own");
  assert.equal(await listed(headers), true);
  const response = await submit({ authorization: await bearer(ctx.db, guest) });
  assert.equal(response.status, 201, await response.clone().text());

  assert.equal((await change({ remove: [guest.email] })).status, 200);
  assert.deepEqual(await statuses(headers), hidden);
  assert.equal(await listed(headers), false);
});

test("organizers see it; made public again, everyone does", async () => {
  const cookie = await sessionCookie(organizer);
  const seen = await statuses({ cookie });
  assert.equal(seen.leaderboard, 200);
  assert.equal(await listed({ cookie }), true);
  const response = await PATCH(
    new Request(`http://localhost/api/benchmarks/${slug()}/invites`, {
      method: "PATCH",
      body: JSON.stringify({ visibility: "public" }),
      headers: { cookie },
    }),
    params({ slug: slug() }),
  );
  assert.equal((await response.json()).visibility, "public");
  assert.equal((await statuses({})).leaderboard, 200);
  assert.equal(await listed({}), true);
});
