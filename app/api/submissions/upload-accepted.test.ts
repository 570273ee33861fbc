import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { submissions } from "@/db/schema";
import { packBundle } from "@/evaluator/bundle";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { POST } from "./route";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
let slug: string;
let archive: Buffer;

before(async () => {
  ctx = await startRouteTest();
  slug = (await createBenchmark(ctx.db)).benchmark.slug;
  const packed = await packBundle(path.join("benchmarks", "baselines", "random"));
  archive = fs.readFileSync(packed);
  fs.rmSync(path.dirname(packed), { recursive: true, force: true });
});
after(async () => ctx.close());

function upload(headers: Record<string, string>, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("bundle", new Blob([new Uint8Array(archive)]), "random.tar.gz");
  return POST(new Request("http://localhost/api/submissions", { method: "POST", body: form, headers }));
}

test("a valid bundle sent with an API token (the CLI's way) → 201 with the id; the temp file is gone", async () => {
  const user = await createUser(ctx.db);
  const response = await upload({ authorization: await bearer(ctx.db, user) }, { benchmark: slug, name: "random-cli" });
  assert.equal(response.status, 201, await response.clone().text());
  const { id } = await response.json();
  const [row] = await ctx.db.select().from(submissions).where(eq(submissions.id, id));
  assert.equal(row?.userId, user.id);
  assert.equal(row?.name, "random-cli");
  assert.equal(row?.status, "queued");
  assert.deepEqual(fs.readdirSync(ctx.uploadsDir), []);
});

test("the same from a browser session (the web form's way)", async () => {
  const user = await createUser(ctx.db);
  const response = await upload({ cookie: await sessionCookie(user) }, { benchmark: slug });
  assert.equal(response.status, 201);
});

test("an unknown benchmark → the domain's 404 as JSON, and no temp file left", async () => {
  const user = await createUser(ctx.db);
  const response = await upload({ authorization: await bearer(ctx.db, user) }, { benchmark: "no-such-benchmark" });
  assert.equal(response.status, 404);
  assert.equal((await response.json()).error.code, "benchmark_not_found");
  assert.deepEqual(fs.readdirSync(ctx.uploadsDir), []);
});

test("a team the user is not in → 403 from the domain, nothing stored", async () => {
  const user = await createUser(ctx.db);
  const response = await upload(
    { authorization: await bearer(ctx.db, user) },
    { benchmark: slug, team: "someone-elses-team" },
  );
  assert.equal(response.status, 403);
});
