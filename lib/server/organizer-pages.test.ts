import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { addCoOrganizer } from "@/db/queries/benchmark-organizers";
import { setBenchmarkVisibility } from "@/db/queries/benchmark-invites";
import type { User } from "@/db/queries/users";
import { AppError } from "@/lib/core/errors";
import { loadOrganizeList } from "./benchmark-view";
import { loadPhaseConsole } from "./phase-console";
import { loadSpecEditor } from "./spec-editor";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { startRouteTest } from "@/testing/platform/route-handlers";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

/** Two benchmarks with different owners; the second is invite-only and co-organized by an account with no role. */
async function fixture() {
  const [owner, otherOwner, coOrganizer, participant, admin] = [
    await createUser(ctx.db, { role: "organizer" }),
    await createUser(ctx.db, { role: "organizer" }),
    await createUser(ctx.db, { role: "participant" }),
    await createUser(ctx.db, { role: "participant" }),
    await createUser(ctx.db, { role: "admin" }),
  ];
  const mine = await createBenchmark(ctx.db, { owner });
  const theirs = await createBenchmark(ctx.db, { owner: otherOwner });
  await setBenchmarkVisibility(ctx.db, { benchmarkId: theirs.benchmark.id, visibility: "invite" });
  await addCoOrganizer(ctx.db, { benchmarkId: theirs.benchmark.id, userId: coOrganizer.id, addedBy: otherOwner.id });
  return {
    owner,
    otherOwner,
    coOrganizer,
    participant,
    admin,
    mine: mine.benchmark.slug,
    theirs: theirs.benchmark.slug,
  };
}

const listed = async (user: User) => {
  const list = await loadOrganizeList(user);
  return { allowed: list.allowed, canCreate: list.canCreate, slugs: list.benchmarks.map((b) => b.slug) };
};

test("/organize lists only the benchmarks the account organizes; admins see every one", async () => {
  const f = await fixture();
  assert.deepEqual(await listed(f.owner), { allowed: true, canCreate: true, slugs: [f.mine] });
  assert.deepEqual(await listed(f.otherOwner), { allowed: true, canCreate: true, slugs: [f.theirs] });
  // A co-organizer without the organizer role sees the one benchmark they were added to, invite-only or not.
  assert.deepEqual(await listed(f.coOrganizer), { allowed: true, canCreate: false, slugs: [f.theirs] });
  const adminSlugs = (await listed(f.admin)).slugs;
  assert.ok(adminSlugs.includes(f.mine) && adminSlugs.includes(f.theirs), adminSlugs.join(", "));
});

test("/organize is refused to a participant who organizes nothing; an organizer of nothing gets an empty list", async () => {
  const f = await fixture();
  assert.deepEqual(await listed(f.participant), { allowed: false, canCreate: false, slugs: [] });
  assert.deepEqual(await listed(await createUser(ctx.db, { role: "organizer" })), {
    allowed: true,
    canCreate: true,
    slugs: [],
  });
});

test("a co-organizer reaches the console of an invite-only benchmark; an organizer of another one does not", async () => {
  const f = await fixture();
  assert.equal((await loadPhaseConsole({ slug: f.theirs, viewer: f.coOrganizer })).allowed, true);
  assert.equal((await loadPhaseConsole({ slug: f.mine, viewer: f.coOrganizer })).allowed, false);
  assert.equal((await loadPhaseConsole({ slug: f.theirs, viewer: f.owner })).allowed, false);
});

test("the spec editor opens a benchmark's YAML for its organizers and admins only", async () => {
  const f = await fixture();
  for (const user of [f.otherOwner, f.coOrganizer, f.admin]) {
    const opened = await loadSpecEditor({ viewer: user, edit: f.theirs });
    assert.equal(opened.allowed, true, user.email);
    assert.equal(opened.editing?.slug, f.theirs);
    assert.match(opened.editing!.yaml, /track: fewshot/);
  }
  // The organizer of another benchmark is refused and gets no YAML, whichever side of the pair they are on.
  assert.deepEqual(await loadSpecEditor({ viewer: f.owner, edit: f.theirs }), { allowed: false, editing: undefined });
  assert.deepEqual(await loadSpecEditor({ viewer: f.coOrganizer, edit: f.mine }), {
    allowed: false,
    editing: undefined,
  });
  // A participant who may not see the invite-only benchmark finds nothing there, as for an unknown slug.
  for (const slug of [f.theirs, "no-such-benchmark", "../etc"]) {
    await assert.rejects(
      loadSpecEditor({ viewer: f.participant, edit: slug }),
      (e: unknown) => e instanceof AppError && e.status === 404,
      slug,
    );
  }
  // A blank spec is for the organizer role.
  assert.equal((await loadSpecEditor({ viewer: f.owner, edit: undefined })).allowed, true);
  assert.equal((await loadSpecEditor({ viewer: f.coOrganizer, edit: undefined })).allowed, false);
});
