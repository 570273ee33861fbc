import fs from "node:fs";
import path from "node:path";
import { create } from "tar";
import { root, runHeldout, startPlatform } from "../testing/e2e/platform";

export const ADMIN = { email: "admin@e2e.example.org", password: "e2e admin password" };

/**
 * Starts the platform once for the whole run and prepares the bundles the tests upload. Tests read the site's URL,
 * its HELDOUT_HOME and the bundle folder from HELDOUT_E2E_URL / HELDOUT_E2E_HOME / HELDOUT_E2E_BUNDLES.
 * Returns the teardown.
 */
export default async function globalSetup() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    throw new Error(
      "The site has no production build (.next/BUILD_ID). `npm test` builds it; or run `npm run build` first.",
    );
  }
  const platform = await startPlatform({ startTimeoutMs: 240_000 });
  try {
    const bundles = path.join(platform.home, "e2e-bundles");
    fs.mkdirSync(bundles);
    const packed = await runHeldout(
      [
        "bundle",
        "pack",
        path.join(root, "benchmarks", "baselines", "random"),
        "--out",
        path.join(bundles, "random.tar.gz"),
      ],
      platform.env,
    );
    if (packed.code !== 0) throw new Error(`heldout bundle pack failed:\n${packed.stderr}`);

    // A bundle the validator refuses: a manifest naming a kind that does not exist.
    const bad = path.join(bundles, "bad-src");
    fs.mkdirSync(bad);
    fs.writeFileSync(
      path.join(bad, "heldout.json"),
      JSON.stringify({ name: "bad", track: "fewshot", kind: "policy", entry: "learner.mjs" }),
    );
    fs.writeFileSync(path.join(bad, "learner.mjs"), "export default () => ({});\n");
    await create({ gzip: true, cwd: bad, file: path.join(bundles, "bad-kind.tar.gz") }, [
      "heldout.json",
      "learner.mjs",
    ]);

    const admin = await runHeldout(
      ["user", "add", "--email", ADMIN.email, "--password", ADMIN.password, "--role", "admin"],
      platform.env,
    );
    if (admin.code !== 0) throw new Error(`heldout user add failed:\n${admin.stderr}`);

    process.env.HELDOUT_E2E_URL = platform.url;
    process.env.HELDOUT_E2E_HOME = platform.home;
    process.env.HELDOUT_E2E_BUNDLES = bundles;
  } catch (error) {
    await platform.stop();
    throw error;
  }
  return () => platform.stop();
}
