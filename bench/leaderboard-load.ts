/**
 * Leaderboard latency under concurrent readers, against a real `next start` server on localhost and a real
 * embedded PostgreSQL holding a seeded benchmark.
 *
 *   npx tsx bench/leaderboard-load.ts [--clients 8] [--seconds 8] [--entrants 150] [--per-entrant 3]
 *
 * Needs a production build (`next build`). Each target gets N concurrent clients, each sending its next request as
 * soon as the previous one answers, for a bounded time. Reference measured in the same run on the same server:
 * GET /api/health (one small query, no rendering; 503 here, as no worker runs); the figures are printed with their
 * ratio to it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { createTeam } from "@/lib/teams";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { createBenchmark, createUser, insertFinishedSubmission } from "@/testing/platform/fixtures";
import { hasProductionBuild, startNextServer } from "@/testing/platform/next-server";

type Stats = { requests: number; errors: number; p50: number; p95: number; rps: number; bytes: number };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `clients` loops hitting `url` back to back until `seconds` have passed. */
/** `expected`: the status a good answer has (health says 503 on this server, which runs no worker). */
async function load(url: string, clients: number, seconds: number, expected = 200): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const response = await fetch(url);
          bytes = (await response.arrayBuffer()).byteLength;
          if (response.status === expected) latencies.push(performance.now() - t0);
          else errors += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    rps: latencies.length / elapsed,
    bytes,
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      clients: { type: "string", default: "8" },
      seconds: { type: "string", default: "8" },
      entrants: { type: "string", default: "150" },
      "per-entrant": { type: "string", default: "3" },
    },
  });
  const clients = Number(values.clients),
    seconds = Number(values.seconds);
  const entrants = Number(values.entrants),
    perEntrant = Number(values["per-entrant"]);
  if (!hasProductionBuild()) {
    console.error("No production build in .next: run `npx next build` first.");
    process.exitCode = 1;
    return;
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-bench-lb-"));
  // As root, PostgreSQL runs as its own user, which must be able to enter this folder.
  fs.chmodSync(dir, 0o755);
  let pg: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  let server: Awaited<ReturnType<typeof startNextServer>> | undefined;
  try {
    pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "bench" });
    await migrateDatabase(pg.url);
    await seedBoard(pg.url, entrants, perEntrant);
    console.log(`seeded ${entrants} entrants × ${perEntrant} scored submissions`);

    server = await startNextServer({ databaseUrl: pg.url, home: path.join(dir, "home") });
    const base = server.base;

    const targets = [
      { name: "reference: GET /api/health", url: `${base}/api/health`, expected: 503 },
      { name: "API: leaderboard JSON (best per team)", url: `${base}/api/benchmarks/bench-board/leaderboard` },
      { name: "API: leaderboard JSON (all entries)", url: `${base}/api/benchmarks/bench-board/leaderboard?mode=all` },
      { name: "page: /benchmarks/bench-board", url: `${base}/benchmarks/bench-board` },
    ];
    for (const t of targets) await load(t.url, 2, 1, t.expected); // warm-up: JIT, route compilation, pools
    const results = [];
    for (const t of targets) results.push({ ...t, ...(await load(t.url, clients, seconds, t.expected)) });

    console.log(`\n${clients} concurrent clients, ${seconds} s per target, localhost, ${os.cpus().length} CPUs\n`);
    printTable(results);
  } finally {
    await server?.stop();
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The benchmark `bench-board` with `entrants` entrants (every third in a team), each with `perEntrant` scores. */
async function seedBoard(url: string, entrants: number, perEntrant: number) {
  const database = openDatabase(url);
  const fixture = await createBenchmark(database.db, { slug: "bench-board" });
  for (let e = 0; e < entrants; e++) {
    const user = await createUser(database.db);
    const team = e % 3 === 0 ? await createTeam(database.db, { userId: user.id, name: `team-${e}` }) : undefined;
    for (let k = 0; k < perEntrant; k++) {
      const acc = 0.2 + 0.7 * Math.random();
      await insertFinishedSubmission(database.db, {
        fixture,
        user,
        teamId: team?.id,
        accuracy: { public: acc, private: acc, halfWidth: 0.02 },
      });
    }
  }
  await database.close();
}

/** One row per target, with its ratios to the first (the reference). */
function printTable(results: (Stats & { name: string })[]) {
  const ref = results[0]!;
  console.log(
    "target".padEnd(42),
    "req".padStart(6),
    "err".padStart(4),
    "p50 ms".padStart(8),
    "p95 ms".padStart(8),
    "req/s".padStart(8),
    "p50 ×ref".padStart(9),
    "req/s ÷ref".padStart(11),
    "KiB".padStart(7),
  );
  for (const r of results) {
    console.log(
      r.name.padEnd(42),
      String(r.requests).padStart(6),
      String(r.errors).padStart(4),
      r.p50.toFixed(1).padStart(8),
      r.p95.toFixed(1).padStart(8),
      r.rps.toFixed(1).padStart(8),
      (r.p50 / ref.p50).toFixed(1).padStart(9),
      (r.rps / ref.rps).toFixed(3).padStart(11),
      (r.bytes / 1024).toFixed(1).padStart(7),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
