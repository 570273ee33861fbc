import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PNG } from "pngjs";
import { findBenchmarkBySlug } from "@/lib/benchmark-versions";
import { createUser } from "@/testing/platform/fixtures";
import { bearer, sessionCookie, startRouteTest } from "@/testing/platform/route-handlers";
import { GET as previewImage } from "./preview/route";
import { POST as publish } from "./publish/route";
import { POST as validate } from "./validate/route";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => {
  ctx = await startRouteTest();
});
after(async () => ctx.close());

const yaml = `slug: routes-glyphs
title: Routes glyphs
track: fewshot
dataset: glyphs
ways: 5
shots: 1
queries: 5
partitions:
  public: { episodes: 3, seed: 5 }
  private: { episodes: 3 }
kinds: [embedding]
`;

const params = { params: Promise.resolve({}) };
const post = (handler: typeof validate, path: string, body: unknown, headers: Record<string, string> = {}) =>
  handler(
    new Request(`http://localhost${path}`, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...headers },
    }),
    params,
  );
const image = (query: string, headers: Record<string, string> = {}) =>
  previewImage(new Request(`http://localhost/api/organize/authoring/preview?${query}`, { headers }), params);

async function calls(headers: Record<string, string>) {
  return [
    await post(validate, "/api/organize/authoring/validate", { yaml }, headers),
    await post(publish, "/api/organize/authoring/publish", { yaml }, headers),
    await image("spec=e30&episode=0", headers),
  ];
}

test("anonymous callers get 401 from every authoring route, and nothing is published", async () => {
  for (const response of await calls({})) {
    assert.equal(response.status, 401);
    assert.equal((await response.json()).error.code, "unauthenticated");
  }
  assert.equal(await findBenchmarkBySlug(ctx.db, "routes-glyphs"), undefined);
});

test("participants get 403 from every authoring route, by session and by API token, and nothing is published", async () => {
  const participant = await createUser(ctx.db);
  for (const headers of [
    { cookie: await sessionCookie(participant) },
    { authorization: await bearer(ctx.db, participant) },
  ] as Record<string, string>[]) {
    for (const response of await calls(headers)) {
      assert.equal(response.status, 403);
      assert.equal((await response.json()).error.code, "forbidden");
    }
  }
  assert.equal(await findBenchmarkBySlug(ctx.db, "routes-glyphs"), undefined);
});

test("an organizer validates (issues with lines, then a preview), views the episode images, and publishes", async () => {
  const organizer = await createUser(ctx.db, { role: "organizer" });
  const cookie = { cookie: await sessionCookie(organizer) };
  const broken = await post(
    validate,
    "/api/organize/authoring/validate",
    { yaml: yaml.replace("shots: 1", "shots: -1") },
    cookie,
  );
  assert.equal(broken.status, 200);
  assert.deepEqual(await broken.json(), {
    valid: false,
    issues: [{ line: 6, field: "shots", message: "Too small: expected number to be >=1" }],
  });

  const checked = await (await post(validate, "/api/organize/authoring/validate", { yaml }, cookie)).json();
  assert.equal(checked.valid, true);
  assert.equal(checked.current, null);
  assert.equal(checked.leakage.problem, null);
  assert.equal(checked.episodes.length, 2);
  const png = await image(checked.episodes[1], cookie);
  assert.equal(png.status, 200);
  assert.equal(png.headers.get("content-type"), "image/png");
  const grid = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
  assert.equal(grid.height, 5 * (56 + 2) + 2, "one row per class of 28×28 glyphs drawn at 56×56");
  const outside = await image(checked.episodes[1].replace("episode=1", "episode=2"), cookie);
  assert.equal(outside.status, 400);

  const published = await post(publish, "/api/organize/authoring/publish", { yaml }, cookie);
  assert.equal(published.status, 201);
  assert.deepEqual((await published.json()).version, 1);
  assert.equal((await findBenchmarkBySlug(ctx.db, "routes-glyphs"))?.version.source, yaml);
  const again = await (await post(validate, "/api/organize/authoring/validate", { yaml }, cookie)).json();
  assert.deepEqual(again.current, { version: 1, track: "fewshot" });
});
