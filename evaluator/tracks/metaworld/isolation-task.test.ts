import assert from "node:assert/strict";
import { after, test } from "node:test";
import { metaworldAgentBundle, runInSandbox, smallSpec } from "@/testing/tracks/metaworld";

/**
 * An agent that counts the goals it has played, in module state and in a file under /tmp, and says so at each one.
 * Under `isolation: task` every goal starts from the bundle as submitted, so it counts 1 every time; under
 * `isolation: partition` (versions stored before the field) one sandbox plays them all and the counts grow.
 */
const COUNTER = `
import fs from "node:fs";
let seen = 0;
export default function create() {
  return {
    startTask() {
      seen += 1;
      const file = "/tmp/goals-seen";
      const onDisk = (fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : 0) + 1;
      fs.writeFileSync(file, String(onDisk));
      fs.writeSync(1, "goals seen: module " + seen + ", tmp " + onDisk + "\\n");
    },
    act: () => [0, 0, 0, 0],
    observe() {},
  };
}`;

const bundle = await metaworldAgentBundle(COUNTER);
after(() => bundle.remove());

const counts = (log: string) =>
  log
    .split("\n")
    .filter((l) => l.startsWith("goals seen: "))
    .map((l) => l.slice("goals seen: ".length));

test("isolation: task — an agent counting goals in module state and /tmp sees 1 at every goal", async () => {
  const spec = smallSpec({ goalsPerTask: 3, maxEpisodeSteps: 2 });
  assert.equal(spec.isolation, "task", "the default for new versions");
  const run = await runInSandbox(spec, "reach-v3", 1, bundle);
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.deepEqual(counts(run.log), ["module 1, tmp 1", "module 1, tmp 1", "module 1, tmp 1"]);
  assert.equal(run.rows!.length, 3);
});

test("isolation: partition — one sandbox plays every goal of the unit, as versions stored before did", async () => {
  const run = await runInSandbox(
    smallSpec({ goalsPerTask: 3, maxEpisodeSteps: 2, isolation: "partition" }),
    "reach-v3",
    1,
    bundle,
  );
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.deepEqual(counts(run.log), ["module 1, tmp 1", "module 2, tmp 2", "module 3, tmp 3"]);
});
