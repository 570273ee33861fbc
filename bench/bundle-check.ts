/**
 * Bundle checking speed: checkBundle (sha256, extraction under limits, validation) on a .tar.gz and a .zip holding a
 * TF.js model with 48 MiB of incompressible weights, against a reference measured in the same run on the same
 * archives: the system `tar -xzf` / `unzip` into a temp folder plus `sha256sum`. Prints medians and the ratio.
 * Usage: npx tsx bench/bundle-check.ts [--reps N]
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkBundle, packBundle } from "@/evaluator/bundle";
import { rawZip } from "@/testing/bundles/zip-bytes";

const { values } = parseArgs({ options: { reps: { type: "string", default: "5" } } });
const reps = Number(values.reps);
const MiB = 1024 * 1024;
const SHARDS = 12;
const SHARD_BYTES = 4 * MiB;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeMs(fn: () => unknown | Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-bench-bundle-"));
  try {
    const dir = path.join(work, "bundle");
    fs.mkdirSync(path.join(dir, "model"), { recursive: true });
    const floats = (SHARDS * SHARD_BYTES) / 4;
    const shards = Array.from({ length: SHARDS }, (_, i) => `group1-shard${i + 1}of${SHARDS}.bin`);
    fs.writeFileSync(
      path.join(dir, "heldout.json"),
      JSON.stringify({ name: "bench", track: "fewshot", kind: "embedding", model: "model/model.json" }),
    );
    fs.writeFileSync(
      path.join(dir, "model", "model.json"),
      JSON.stringify({
        format: "layers-model",
        modelTopology: { class_name: "Sequential", config: {} },
        weightsManifest: [{ paths: shards, weights: [{ name: "w", shape: [floats], dtype: "float32" }] }],
      }),
    );
    for (const shard of shards) fs.writeFileSync(path.join(dir, "model", shard), crypto.randomBytes(SHARD_BYTES));

    const tgz = await packBundle(dir, { out: path.join(work, "bench.tar.gz"), limits: { maxArchiveBytes: 256 * MiB } });
    const zip = path.join(work, "bench.zip");
    const entries = ["heldout.json", "model/model.json", ...shards.map((s) => `model/${s}`)];
    fs.writeFileSync(
      zip,
      rawZip(entries.map((e) => ({ name: e, body: fs.readFileSync(path.join(dir, e)), deflate: true }))),
    );
    const limits = { maxArchiveBytes: 256 * MiB };

    const reference = (archive: string, extract: (into: string) => void) => () => {
      const into = fs.mkdtempSync(path.join(work, "ref-"));
      try {
        execFileSync("sha256sum", [archive]);
        extract(into);
      } finally {
        fs.rmSync(into, { recursive: true, force: true });
      }
    };
    const cases = [
      { name: ".tar.gz", archive: tgz, ref: reference(tgz, (into) => execFileSync("tar", ["-xzf", tgz, "-C", into])) },
      { name: ".zip", archive: zip, ref: reference(zip, (into) => execFileSync("unzip", ["-q", zip, "-d", into])) },
    ];
    const haveUnzip = (() => {
      try {
        execFileSync("unzip", ["-v"], { stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    })();

    console.log(
      `bundle: ${(SHARDS * SHARD_BYTES) / MiB} MiB of weights in ${entries.length} files; ${reps} reps, median`,
    );
    for (const c of cases) {
      const size = fs.statSync(c.archive).size;
      const ours: number[] = [];
      const ref: number[] = [];
      for (let i = 0; i < reps; i++) {
        ours.push(await timeMs(() => checkBundle({ path: c.archive, limits, tmpDir: work })));
        if (c.name === ".tar.gz" || haveUnzip) ref.push(await timeMs(c.ref));
      }
      const mbps = size / MiB / (median(ours) / 1000);
      const refText = ref.length
        ? `reference (sha256sum + system extract) ${median(ref).toFixed(0)} ms, ratio ${(median(ours) / median(ref)).toFixed(2)}x`
        : "reference: unzip not installed";
      console.log(
        `${c.name.padEnd(8)} ${(size / MiB).toFixed(1)} MiB archive: checkBundle ${median(ours).toFixed(0)} ms (${mbps.toFixed(0)} MiB/s); ${refText}`,
      );
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
