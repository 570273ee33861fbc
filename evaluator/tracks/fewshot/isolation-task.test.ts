import assert from "node:assert/strict";
import { after, test } from "node:test";
import { UserCodeError } from "@/lib/core/errors";
import { learnerBundle, type TestBundle } from "@/testing/sandbox/harness";
import { runUnitInSandbox, smallSpec } from "@/testing/tracks/fewshot";

/**
 * A learner that counts the episodes it has answered, in module state and in a file under /tmp, says so at each one,
 * and answers `answer(seen)`: the same whatever it counted (honest), or moved by the count (it uses its memory).
 */
const counter = (answer: string) => `
import fs from "node:fs";
let seen = 0;
export default function create({ task }) {
  return {
    adapt() {
      seen += 1;
      const file = "/tmp/episodes-seen";
      const onDisk = (fs.existsSync(file) ? Number(fs.readFileSync(file, "utf8")) : 0) + 1;
      fs.writeFileSync(file, String(onDisk));
      fs.writeSync(1, "episodes seen: module " + seen + ", tmp " + onDisk + "\\n");
    },
    predict({ images }) {
      const first = ${answer};
      return Array.from({ length: images.shape[0] }, () =>
        Array.from({ length: task.ways }, (_, k) => (k === 0 ? first : (1 - first) / (task.ways - 1))));
    },
  };
}`;

/** Honest, and random: a random projection (tf.randomNormal, unseeded) and Math.random noise, fresh every episode. */
const SEEDED_RANDOM = `
export default function create({ tf, task }) {
  let prototypes;
  let projection;
  const embed = (images) => images.reshape([images.shape[0], -1]).matMul(projection);
  return {
    adapt({ images, labels, ways }) {
      projection = tf.keep(tf.randomNormal([images.shape[1] * images.shape[2] * images.shape[3], 16]));
      const jitter = tf.scalar(Math.random());
      const oneHot = tf.oneHot(labels, ways).transpose();
      prototypes = tf.keep(oneHot.matMul(embed(images)).div(oneHot.sum(1, true)).add(jitter));
    },
    predict({ images }) {
      const queries = embed(images);
      const distances = queries.expandDims(1).sub(prototypes.expandDims(0)).square().sum(2);
      return tf.softmax(distances.neg().div(tf.scalar(100)));
    },
  };
}`;

const bundles: TestBundle[] = [];
after(async () => {
  for (const bundle of bundles) await bundle.remove();
});
const bundle = async (source: string) => {
  const made = await learnerBundle(source);
  bundles.push(made);
  return made;
};

const counts = (log: string) =>
  log
    .split("\n")
    .filter((l) => l.startsWith("episodes seen: "))
    .map((l) => l.slice("episodes seen: ".length));
/** Every episode is replayed (replays ≥ episodes), so what the audit finds does not depend on the draw. */
const everyEpisodeReplayed = { ...smallSpec(3), replays: 3 };

test("isolation: task — each replay sandbox of a counting learner sees 1 in module state and /tmp; honest answers pass", async () => {
  assert.equal(smallSpec().isolation, "task", "the default for new versions");
  const run = await runUnitInSandbox(await bundle(counter("0.2")), everyEpisodeReplayed);
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.equal(run.rows!.length, 3);
  const [first, ...replays] = run.logs;
  assert.deepEqual(counts(first!), ["module 1, tmp 1", "module 2, tmp 2", "module 3, tmp 3"], "the run's own sandbox");
  assert.equal(replays.length, 3, "a fresh sandbox per replayed episode");
  for (const log of replays) assert.deepEqual(counts(log), ["module 1, tmp 1"]);
});

test("isolation: task — the audit fails a learner whose answers depend on the episodes it saw before", async () => {
  const run = await runUnitInSandbox(await bundle(counter("0.2 + 0.01 * (seen - 1)")), everyEpisodeReplayed);
  assert.ok(run.error instanceof UserCodeError, `${String(run.error)}\n${run.log}`);
  assert.equal(run.error.reason, "isolation");
  assert.match(
    run.error.message,
    /^isolation: task — episode [12], answered again by a fresh sandbox of the bundle, gave other probabilities than in the run \(query 1, class 0: 0\.2 there, 0\.2[12] in the run\)/,
  );
  assert.equal(run.rows, undefined);
});

test("isolation: task — a learner drawing from Math.random and TF.js's unseeded random ops answers a replay alike", async () => {
  const spec = { ...smallSpec(4), replays: 4 };
  const seeded = await bundle(SEEDED_RANDOM);
  const run = await runUnitInSandbox(seeded, spec);
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.equal(run.logs.length, 5);
  // The randomness is real: unseeded (isolation: partition), two runs of the same episodes answer otherwise.
  const unseeded = [
    await runUnitInSandbox(seeded, { ...spec, isolation: "partition" }),
    await runUnitInSandbox(seeded, { ...spec, isolation: "partition" }),
  ];
  assert.notDeepEqual(unseeded[0]!.rows, unseeded[1]!.rows);
});

test("isolation: partition — one sandbox answers every episode and may keep what it saw, as versions stored before", async () => {
  const sent: Record<string, unknown>[] = [];
  const run = await runUnitInSandbox(
    await bundle(counter("0.2 + 0.01 * (seen - 1)")),
    { ...everyEpisodeReplayed, isolation: "partition" },
    {
      wrap: (session) => (message, tensors, options) => {
        sent.push(message);
        return session.request(message, tensors, options);
      },
    },
  );
  assert.equal(run.error, undefined, `${String(run.error)}\n${run.log}`);
  assert.equal(run.logs.length, 1, "no replays");
  assert.deepEqual(counts(run.log), ["module 1, tmp 1", "module 2, tmp 2", "module 3, tmp 3"]);
  // Messages as before the field: no seeds.
  assert.deepEqual(Object.keys((sent[0] as { task: object }).task).sort(), [
    "imageShape",
    "queries",
    "shots",
    "track",
    "ways",
  ]);
  for (const episode of sent.slice(1)) assert.deepEqual(Object.keys(episode).sort(), ["index", "type", "ways"]);
});
