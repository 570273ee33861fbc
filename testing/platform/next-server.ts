import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "@/db/os";
import { getConfig } from "@/lib/config";

/** Whether `next build` has left a production build to start (tests that need one skip, saying so, without it). */
export function hasProductionBuild(): boolean {
  return fs.existsSync(path.join(".next", "BUILD_ID"));
}

/**
 * The production site (`next start`, from the existing build) on a free localhost port, with the given database.
 * Resolves once the site answers (any status: /api/health says 503 while no worker runs).
 */
export async function startNextServer(options: { databaseUrl: string; home: string; timeoutMs?: number }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [path.join("node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: {
        ...process.env,
        DATABASE_URL: options.databaseUrl,
        HELDOUT_HOME: options.home,
        NEXTAUTH_SECRET: getConfig().authSecret ?? "test-secret-for-route-handlers-0123456789",
        NEXTAUTH_URL: base,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  // Polled: nothing announces that the site listens.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then(
      () => true,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`next start did not answer within ${options.timeoutMs ?? 60_000} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
