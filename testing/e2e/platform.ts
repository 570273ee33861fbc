import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../db/os";

const root = path.resolve(import.meta.dirname, "..", "..");
const BIN = path.join(root, "cli", "bin", "heldout.js");

export type Platform = { url: string; home: string; env: NodeJS.ProcessEnv; stop: () => Promise<void> };

/**
 * `heldout start` on a free port with a fresh HELDOUT_HOME (its own embedded PostgreSQL), resolved once the site
 * answers. Its output goes to <home>/start.log.
 */
export async function startPlatform(options: { startTimeoutMs: number }): Promise<Platform> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-e2e-home-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { DATABASE_URL: _external, ...inherited } = process.env;
  // Every test signs up its accounts from this one loopback address: the per-address limits are scaled up to allow it.
  // The browser tests use the few-shot boards: this platform's worker runs without the RL simulators (their units stay
  // queued), so the demo boards' baselines, minutes of CPU each, do not compete with the tests for the machine.
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    HELDOUT_HOME: home,
    PORT: String(port),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_URL: url,
    HELDOUT_RATE_LIMIT_FACTOR: "100",
    HELDOUT_PYTHON: path.join(home, "no-simulators", "python"),
  };
  const log = fs.openSync(path.join(home, "start.log"), "a");
  const child = spawn(process.execPath, [BIN, "start"], { cwd: root, env, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(home, { recursive: true, force: true });
  };

  const deadline = Date.now() + options.startTimeoutMs;
  const startLog = () => fs.readFileSync(path.join(home, "start.log"), "utf8");
  // Polled: its output, not the database, says when it is up.
  for (;;) {
    if (child.exitCode !== null) {
      const output = startLog();
      await stop();
      throw new Error(`heldout start exited with code ${child.exitCode}:\n${output}`);
    }
    if (startLog().includes("Heldout is running at")) return { url, home, env, stop };
    if (Date.now() > deadline) {
      const output = startLog();
      await stop();
      throw new Error(`heldout start did not come up within ${options.startTimeoutMs / 1000} s:\n${output}`);
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
}

/** Runs the `heldout` command with `env` (for operator commands: the platform's, so it finds its running database). */
export function runHeldout(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: env as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stderr += c));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export { root };
