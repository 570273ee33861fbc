import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { addCoOrganizer } from "@/db/queries/benchmark-organizers";
import type { User } from "@/db/queries/users";
import { createTestDatabase } from "@/testing/platform/database";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { addReportedResult, deleteReportedResult, listReportedResults } from "./reported-results";
import { sampleReportedResult } from "@/testing/specs/reported-result";

// Who may add and delete a benchmark's published results: its owner, its co-organizers and admins, nobody else.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let other: Awaited<ReturnType<typeof createBenchmark>>;
const people = {} as Record<"participant" | "otherOrganizer" | "owner" | "coOrganizer" | "admin", User>;

before(async () => {
  database = await createTestDatabase();
  const db = database.db;
  Object.assign(people, {
    participant: await createUser(db),
    otherOrganizer: await createUser(db, { role: "organizer" }),
    owner: await createUser(db, { role: "organizer" }),
    coOrganizer: await createUser(db),
    admin: await createUser(db, { role: "admin" }),
  });
  fixture = await createBenchmark(db, { owner: people.owner });
  other = await createBenchmark(db, { owner: people.otherOrganizer });
  await addCoOrganizer(db, {
    benchmarkId: fixture.benchmark.id,
    userId: people.coOrganizer.id,
    addedBy: people.owner.id,
  });
});
after(() => database.drop());

test("owner, co-organizer and admin add results; they are listed oldest first, as sent", async () => {
  const { db } = database;
  for (const actor of [people.owner, people.coOrganizer, people.admin]) {
    const added = await addReportedResult(db, {
      actor,
      benchmark: fixture.benchmark,
      result: sampleReportedResult({ method: `added by ${actor.email}` }),
    });
    assert.equal(added.shipped, false);
  }
  const listed = await listReportedResults(db, fixture.benchmark.id);
  assert.deepEqual(
    listed.map((r) => r.method),
    [people.owner, people.coOrganizer, people.admin].map((p) => `added by ${p.email}`),
  );
  assert.deepEqual(listed[0]!.numbers, [{ metric: "accuracy", value: "98.8", unit: "percent" }]);
  assert.deepEqual(await listReportedResults(db, other.benchmark.id), [], "another benchmark's list is its own");
});

test("a participant and another benchmark's organizer may neither add nor delete", async () => {
  const { db } = database;
  const [target] = await listReportedResults(db, fixture.benchmark.id);
  for (const actor of [people.participant, people.otherOrganizer]) {
    await assert.rejects(
      addReportedResult(db, { actor, benchmark: fixture.benchmark, result: sampleReportedResult() }),
      {
        status: 403,
        message: `Only the organizers of '${fixture.benchmark.slug}' and admins can do this.`,
      },
    );
    await assert.rejects(deleteReportedResult(db, { actor, benchmark: fixture.benchmark, id: target!.id }), {
      status: 403,
    });
  }
  assert.equal((await listReportedResults(db, fixture.benchmark.id)).length, 3);
});

test("organizers delete; a deleted, unknown or other benchmark's result is a 404", async () => {
  const { db } = database;
  const [first, second] = await listReportedResults(db, fixture.benchmark.id);
  await deleteReportedResult(db, { actor: people.coOrganizer, benchmark: fixture.benchmark, id: first!.id });
  await assert.rejects(deleteReportedResult(db, { actor: people.owner, benchmark: fixture.benchmark, id: first!.id }), {
    status: 404,
    message: `'${fixture.benchmark.slug}' has no reported result ${first!.id}.`,
  });
  // Organizing one benchmark gives no hold on another's results, even by id.
  await assert.rejects(
    deleteReportedResult(db, { actor: people.otherOrganizer, benchmark: other.benchmark, id: second!.id }),
    { status: 404 },
  );
  await deleteReportedResult(db, { actor: people.admin, benchmark: fixture.benchmark, id: second!.id });
  assert.equal((await listReportedResults(db, fixture.benchmark.id)).length, 1);
});

test("the domain parses what it stores: an invalid result never reaches the table", async () => {
  const { db } = database;
  const result = { ...sampleReportedResult(), paper: { ...sampleReportedResult().paper, url: "javascript:alert(1)" } };
  await assert.rejects(
    addReportedResult(db, { actor: people.owner, benchmark: fixture.benchmark, result }),
    /must be an http:\/\/ or https:\/\/ link/,
  );
  assert.equal((await listReportedResults(db, fixture.benchmark.id)).length, 1);
});
