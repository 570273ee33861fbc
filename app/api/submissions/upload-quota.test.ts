import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { phases, submissions } from "@/db/schema";
import { packBundle } from "@/evaluator/bundle";
import { bearer, startRouteTest } from "@/testing/platform/route-handlers";
import { POST } from "./route";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

// The quota as a competitor meets it through the upload endpoint: refused with the count and the limit,
// and a run the platform failed hands its slot back.
let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let fixture: Awaited<ReturnType<typeof createBenchmark>>;
let archive: Buffer;

before(async () => {
  ctx = await startRouteTest();
  fixture = await createBenchmark(ctx.db);
  await ctx.db.update(phases).set({ quotaTotal: 1, quotaPerDay: null }).where(eq(phases.id, fixture.phase.id));
  const packed = await packBundle(path.join("benchmarks", "baselines", "random"));
  archive = fs.readFileSync(packed);
  fs.rmSync(path.dirname(packed), { recursive: true, force: true });
});
after(async () => ctx.close());

function upload(authorization: string) {
  const form = new FormData();
  form.set("benchmark", fixture.benchmark.slug);
  form.set("bundle", new Blob([new Uint8Array(archive)]), "random.tar.gz");
  return POST(
    new Request("http://localhost/api/submissions", { method: "POST", body: form, headers: { authorization } }),
  );
}

test("the quota reached → 429 with a clear message; a platform-failed run gives its slot back, a user failure does not", async () => {
  const user = await createUser(ctx.db);
  const auth = await bearer(ctx.db, user);
  const first = await upload(auth);
  assert.equal(first.status, 201, await first.clone().text());
  const firstId = (await first.json()).id as string;

  const refused = await upload(auth);
  assert.equal(refused.status, 429);
  const { error } = await refused.json();
  assert.equal(error.code, "quota_total");
  assert.match(error.message, /Total quota reached: 1 of 1 submissions/);
  assert.deepEqual(fs.readdirSync(ctx.uploadsDir), []);

  await ctx.db
    .update(submissions)
    .set({ status: "failed", failureKind: "platform" })
    .where(eq(submissions.id, firstId));
  const retried = await upload(auth);
  assert.equal(retried.status, 201, "a platform failure must not count against the quota");
  const retriedId = (await retried.json()).id as string;

  await ctx.db.update(submissions).set({ status: "failed", failureKind: "user" }).where(eq(submissions.id, retriedId));
  assert.equal((await upload(auth)).status, 429, "a failure of the submitted code counts");
});
