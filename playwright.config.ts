import { defineConfig } from "@playwright/test";

/**
 * Browser tests against the real platform (`heldout start`: embedded PostgreSQL, worker, production site), started
 * once by e2e/global-setup.ts on a free port with a fresh HELDOUT_HOME. Debian's Chromium, never a downloaded one.
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/global-setup.ts",
  // One platform, one worker process: tests share its queue, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "/tmp/heldout-e2e-results",
  use: {
    browserName: "chromium",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
    trace: "retain-on-failure",
  },
});
