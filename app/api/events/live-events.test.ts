import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { publishEvent } from "@/lib/events";
import { startRouteTest } from "@/testing/platform/route-handlers";
import { GET } from "./route";
import { createBenchmark } from "@/testing/platform/fixtures";

let ctx: Awaited<ReturnType<typeof startRouteTest>>;
before(async () => (ctx = await startRouteTest()));
after(async () => ctx.close());

/** Reads server-sent events off a response until `until` accepts one, with a deadline. */
async function readEvents(
  response: Response,
  until: (events: { event: string; data: string }[]) => boolean,
  timeoutMs = 10_000,
) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: string }[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (!until(events)) {
    const next = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`)),
          deadline - Date.now(),
        ),
      ),
    ]);
    if (next.done) break;
    buffer += decoder.decode(next.value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data !== undefined) events.push({ event, data });
    }
  }
  reader.releaseLock();
  return events;
}

test("a leaderboard stream receives its benchmark's submission events, and only those (no other benchmark, no progress ticks)", async () => {
  const watched = await createBenchmark(ctx.db);
  const other = await createBenchmark(ctx.db);
  const abort = new AbortController();
  const response = await GET(
    new Request(`http://localhost/api/events?benchmark=${watched.benchmark.slug}`, { signal: abort.signal }),
  );
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
  await readEvents(response, (e) => e.some((x) => x.event === "ready"));

  await publishEvent(ctx.db, {
    type: "submission",
    submissionId: "s-other",
    benchmarkId: other.benchmark.id,
    status: "scored",
  });
  await publishEvent(ctx.db, { type: "progress", submissionId: "s-progress", benchmarkId: watched.benchmark.id });
  await publishEvent(ctx.db, {
    type: "submission",
    submissionId: "s-watched",
    benchmarkId: watched.benchmark.id,
    status: "scored",
  });
  try {
    const events = await readEvents(response, (e) => e.some((x) => x.event === "submission"));
    assert.deepEqual(
      events.map((e) => JSON.parse(e.data).submissionId),
      ["s-watched"],
    );
  } finally {
    abort.abort();
  }
});

test("an unknown benchmark is a 404, and a query naming nothing is a 400", async () => {
  assert.equal((await GET(new Request("http://localhost/api/events?benchmark=nope"))).status, 404);
  assert.equal((await GET(new Request("http://localhost/api/events"))).status, 400);
});
