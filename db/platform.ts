import fs from "node:fs";
import path from "node:path";
import { openDatabase, type Database } from "./client";
import { startEmbeddedPostgres } from "./embedded";
import { migrateDatabase } from "./migrate";
import { isProcessAlive } from "./os";

export type PlatformDatabase = { url: string; database: Database; embedded: boolean; stop: () => Promise<void> };

/** The settings the platform's database needs, from the caller's parsed configuration (lib/config.ts). */
export type DatabaseSettings = { databaseUrl: string | undefined; home: string; postgresLog: boolean };

/**
 * The platform's database, migrated: DATABASE_URL when set (a managed or shared PostgreSQL), else an embedded
 * PostgreSQL whose data lives under `<HELDOUT_HOME>/postgres` and survives restarts.
 * `stop()` closes the pool and, for the embedded one, shuts PostgreSQL down cleanly.
 */
export async function openPlatformDatabase(config: DatabaseSettings): Promise<PlatformDatabase> {
  if (config.databaseUrl) {
    await migrateDatabase(config.databaseUrl);
    const database = openDatabase(config.databaseUrl);
    return { url: config.databaseUrl, database, embedded: false, stop: () => database.close() };
  }
  const dir = path.join(config.home, "postgres");
  const running = runningClusterUrl(dir);
  if (running) {
    // `heldout start` already runs this home's PostgreSQL: share it (operator commands, a second worker).
    await migrateDatabase(running);
    const database = openDatabase(running);
    return { url: running, database, embedded: false, stop: () => database.close() };
  }
  fs.mkdirSync(dir, { recursive: true });
  // When we run as root, PostgreSQL runs as its own unprivileged user: it must be able to pass through HELDOUT_HOME
  // (execute bit only; nothing there becomes listable) and enter its own folder.
  if (process.getuid?.() === 0) fs.chmodSync(config.home, fs.statSync(config.home).mode | 0o011);
  fs.chmodSync(dir, 0o755);
  const cluster = await startEmbeddedPostgres({ dir, log: config.postgresLog });
  try {
    await migrateDatabase(cluster.url);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const database = openDatabase(cluster.url);
  return {
    url: cluster.url,
    database,
    embedded: true,
    stop: async () => {
      await database.close();
      // Ctrl-C in a terminal reaches PostgreSQL too, and it shuts itself down; its pid file going away means done.
      await Promise.race([cluster.stop(), postmasterGone(path.join(dir, "data", "postmaster.pid"))]);
    },
  };
}

/** URL of the embedded cluster under `dir` when its postmaster is alive, from its pid file and stored password. */
function runningClusterUrl(dir: string): string | undefined {
  const pidFile = path.join(dir, "data", "postmaster.pid");
  const secretFile = path.join(dir, "password");
  if (!fs.existsSync(pidFile) || !fs.existsSync(secretFile)) return undefined;
  // postmaster.pid: pid, data directory, start time, port, ...
  const [pid, , , port] = fs.readFileSync(pidFile, "utf8").split("\n");
  if (!isProcessAlive(Number(pid)) || !/^\d+$/.test(port ?? "")) return undefined;
  const password = fs.readFileSync(secretFile, "utf8").trim();
  return `postgres://heldout:${encodeURIComponent(password)}@127.0.0.1:${port}/heldout`;
}

/** Settles once PostgreSQL has removed its pid file (a clean shutdown) or its process is gone. */
async function postmasterGone(pidFile: string): Promise<void> {
  for (;;) {
    if (!fs.existsSync(pidFile)) return;
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (!isProcessAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
