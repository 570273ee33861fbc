import assert from "node:assert/strict";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { assertFailure, assertSandboxStillWorks, learnerBundle, runOneEpisode } from "@/testing/sandbox/harness";

const repoPackageJson = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../package.json");

test("code in the sandbox sees only its binds: no host files, no writable bundle or runtime", async () => {
  const secretMarker = "s3cr3t-marker";
  // A file the sandbox uid could read on the host, in a directory beside the bundle's.
  const secretDir = await mkdtemp(path.join(os.tmpdir(), "heldout-secret-"));
  await chmod(secretDir, 0o755);
  const secret = path.join(secretDir, "secret.txt");
  await writeFile(secret, secretMarker, { mode: 0o644 });
  const bundle = await learnerBundle(
    `
import fs from "node:fs";
const read = (file) => { try { return file + ":READ:" + fs.readFileSync(file, "utf8").slice(0, 40); } catch (e) { return file + ":" + e.code; } };
const write = (file) => { try { fs.writeFileSync(file, "x"); return file + ":WROTE"; } catch (e) { return file + ":" + e.code; } };
export default ({ options }) => ({
  adapt() {
    const report = [
      read("/etc/shadow"), read("/etc/passwd"), read(options.repoPackageJson), read(options.secret),
      "environ=" + fs.readFileSync("/proc/1/environ", "utf8").replaceAll("\0", ";"), write("/bundle/learner.mjs"), write("/runtime/runtime.mjs"), write("/usr/bin/evil"),
      write("/node_modules/@tensorflow/tfjs/evil.js"), write("/evil"),
      "root=" + fs.readdirSync("/").sort().join(","),
      "uid=" + process.getuid(), "env=" + Object.keys(process.env).sort().join(","),
    ];
    throw new Error("report " + report.join(" | "));
  },
  predict() {},
});`,
    { repoPackageJson, secret },
  );
  try {
    const run = await runOneEpisode(bundle);
    const error = assertFailure(run, "exception", /report /);
    assert.doesNotMatch(error.message, /:READ:|:WROTE/);
    assert.doesNotMatch(error.message, new RegExp(secretMarker));
    for (const file of ["/etc/shadow", "/etc/passwd", repoPackageJson, secret])
      assert.ok(error.message.includes(`${file}:ENOENT`), file);
    for (const file of [
      "/bundle/learner.mjs",
      "/runtime/runtime.mjs",
      "/usr/bin/evil",
      "/node_modules/@tensorflow/tfjs/evil.js",
      "/evil",
    ]) {
      assert.ok(error.message.includes(` ${file}:EROFS `), file);
    }
    const root = /root=([^ |]+)/.exec(error.message)![1]!.split(",");
    const allowed = new Set([
      "bin",
      "bundle",
      "dev",
      "lib",
      "lib32",
      "lib64",
      "libx32",
      "node_modules",
      "proc",
      "runtime",
      "sbin",
      "tmp",
      "usr",
    ]);
    assert.deepEqual(
      root.filter((entry) => !allowed.has(entry)),
      [],
    );
    assert.match(error.message, /uid=65534/);
    assert.match(error.message, /env=HOME,LANG,PATH,PWD,TMPDIR$/);
    assert.doesNotMatch(/environ=([^ ]*)/.exec(error.message)![1]!, /work|heldout|root/i);
  } finally {
    await bundle.remove();
    await rm(secretDir, { recursive: true, force: true });
  }
  await assertSandboxStillWorks();
});
