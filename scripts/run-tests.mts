/**
 * Runs the whole test suite: every `*.test.ts` with node's test runner against one real embedded PostgreSQL
 * (each test file creates its own database on it), with the sandbox tests on WASM; then the sandbox and evaluator
 * tests once more on the native TensorFlow backend when it is built; then the Playwright browser tests in e2e/.
 * Usage: tsx scripts/run-tests.mts [--no-e2e] [--only-e2e] [file-or-folder ...]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../db/embedded";
import { findNativeTfjs } from "../evaluator/runtime/backend/native";

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith("--")));
const selectors = args.filter((a) => !a.startsWith("--"));
const skipped = new Set(["node_modules", ".next", ".heldout", ".native", ".venv", ".venv-bench", ".git", "e2e"]);

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skipped.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith(".test.ts")) out.push(path.relative(".", full));
  }
  return out;
}

function run(command: string, argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const files = (
  selectors.length ? selectors.flatMap((s) => (fs.statSync(s).isDirectory() ? findTests(s) : [s])) : findTests(".")
).sort();
let failed = false;

if (!flags.has("--only-e2e") && files.length > 0) {
  const pgDir = fs.mkdtempSync("/tmp/heldout-test-pg-");
  fs.chmodSync(pgDir, 0o755); // the cluster runs as the unprivileged postgres user when we are root
  const cluster = await startEmbeddedPostgres({ dir: pgDir, database: "postgres" });
  try {
    const nodeTest = (testFiles: string[], backend: string) =>
      run(
        process.execPath,
        ["--import", "tsx", "--test", "--test-reporter=spec", "--test-concurrency=2", ...testFiles],
        {
          ...process.env,
          HELDOUT_TEST_PG_URL: cluster.url,
          HELDOUT_TEST_BACKEND: process.env.HELDOUT_TEST_BACKEND ?? backend,
        },
      );
    const codes = [await nodeTest(files, "wasm")];
    // The evaluator must behave the same on the native backend: its sandbox and track tests run again on it.
    const evaluatorFiles = files.filter((f) => /^evaluator\/(sandbox|tracks\/fewshot)\//.test(f));
    if (!process.env.HELDOUT_TEST_BACKEND && evaluatorFiles.length > 0) {
      if (findNativeTfjs()) {
        console.log(
          `\n# the evaluator's sandbox and few-shot tests on the native TensorFlow backend (${evaluatorFiles.length} files)`,
        );
        codes.push(await nodeTest(evaluatorFiles, "tensorflow"));
      } else {
        console.log(
          "\n# native TensorFlow backend not built (scripts/setup-native.sh): the evaluator ran on WASM only",
        );
      }
    }
    if (codes.some((code) => code !== 0)) failed = true;
  } finally {
    await cluster.stop();
    fs.rmSync(pgDir, { recursive: true, force: true });
  }
}

if (!flags.has("--no-e2e") && selectors.length === 0 && fs.existsSync("playwright.config.ts")) {
  if ((await run("npx", ["playwright", "test"], process.env)) !== 0) failed = true;
}

process.exit(failed ? 1 : 0);
