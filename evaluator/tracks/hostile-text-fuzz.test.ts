import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { createRng, type Rng } from "@/lib/core/random";
import { getSubmissionView } from "@/lib/server/submission-view";
import { evaluationAttempts } from "@/db/schema";
import { UserCodeError } from "@/lib/core/errors";
import { acceptSubmission } from "@/lib/submissions/accept";
import {
  createTestPlatform,
  learnerFiles,
  packFiles,
  UNIFORM_LEARNER,
  type TestPlatform,
} from "@/testing/platform/submission-loop";
import type { RunningWorker } from "@/evaluator/worker";
import { checkedEnv } from "../envs/checked-env";
import { createCatch } from "../envs/native/catch";
import { play } from "./atari/play";
import type { RlTask } from "../protocol/messages";
import type { SandboxSession } from "../sandbox";
import { agentBundle, launchRlSandbox, RANDOM_AGENT, type RlTestBundle } from "@/testing/tracks/atari";
import { metaworldAgentBundle, runInSandbox, smallSpec as smallMetaWorldSpec } from "@/testing/tracks/metaworld";
import { createBenchmark, createUser } from "@/testing/platform/fixtures";
import { startTestWorker, waitForFinish } from "@/testing/platform/worker";

// Hostile text from the real sandbox on every track: seeded random bytes, NUL, invalid UTF-8, terminal escapes
// and a 10 MB line on stdout and stderr, the same in thrown errors and in the strings the protocol carries back
// (a bad action's description). After each, the platform answers, the next valid bundle is scored, and what the
// owner reads (the stored log, the failure) is safe: no NUL, well-formed UTF-16, escapes kept only as text, the
// flood capped with its marker.
const SEED = 20261204;

/** The pieces a hostile bundle emits, drawn from `rng`. */
function hostilePieces(rng: Rng): Buffer[] {
  return [
    Buffer.from(Array.from({ length: 4096 }, () => rng.int(256))),
    Buffer.from("before\0after\0\0"),
    Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xe2, 0x82, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80]),
    Buffer.from("\x1b]0;owned\x07\x1b[2J\x1b[31mred\x1b[0m\r\x9b6n\u202e"),
  ];
}

/**
 * A module prelude defining `emit()` (every piece on stdout and stderr, then a 10 MB line if `flood`) and
 * `hostile()` (the pieces as one string, bytes as latin1 code points, with lone surrogates).
 */
function prelude(rng: Rng, flood: boolean): string {
  const pieces = hostilePieces(rng).map((p) => JSON.stringify(p.toString("base64")));
  // Written synchronously, so all of it reaches the host before the code goes on to fail.
  return `import { writeSync } from "node:fs";
const pieces = [${pieces.join(", ")}].map((b) => Buffer.from(b, "base64"));
// The pipes are non-blocking: a write may take part of the bytes, or none (EAGAIN) while the host catches up.
function writeAll(fd, data) {
  const bytes = Buffer.from(data);
  for (let at = 0; at < bytes.length; ) {
    try { at += writeSync(fd, bytes, at); } catch (error) { if (error.code !== "EAGAIN") throw error; }
  }
}
function emit() {
  for (const p of pieces) { writeAll(1, p); writeAll(2, p); }
  ${flood ? `writeAll(1, "y".repeat(10 * 1024 * 1024) + "\\x1b[0m\\n");` : ""}
}
function hostile() { return pieces.map((p) => p.toString("latin1")).join("") + String.fromCharCode(0xd800) + "end" + String.fromCharCode(0xdc00); }
`;
}

/** Asserts on facts, never printing the text itself (megabytes of hostile bytes). */
function assertSafe(text: string, what: string) {
  assert.equal(text.includes("\0"), false, `${what}: no NUL`);
  assert.equal(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text),
    false,
    `${what}: no lone surrogate`,
  );
  assert.equal(Buffer.from(text, "utf8").toString("utf8"), text, `${what}: valid UTF-8 once encoded`);
}

let platform: TestPlatform;
let worker: RunningWorker;
const archives: string[] = [];

before(async () => {
  platform = await createTestPlatform();
  worker = await startTestWorker(platform);
});

after(async () => {
  await worker?.stop({ timeoutMs: 1000 });
  for (const archive of archives) fs.rmSync(path.dirname(archive), { recursive: true, force: true });
  await platform?.close();
});

test("few-shot learners: hostile output and errors are stored safely, and the next learner is scored", async () => {
  const rng = createRng(SEED);
  const user = await createUser(platform.db, { email: "fuzz@example.org" });
  await createBenchmark(platform.db, { slug: "fuzz" });
  const learners: { name: string; source: string; status: "failed" | "scored"; flood?: boolean }[] = [
    {
      name: "flood-then-throw",
      flood: true,
      status: "failed",
      source: `${prelude(rng, true)}export default () => ({ adapt() { emit(); throw new Error(hostile()); }, predict() { return []; } });`,
    },
    {
      name: "throws-a-string",
      status: "failed",
      source: `${prelude(rng, false)}export default () => ({ adapt() { emit(); throw hostile(); }, predict() { return []; } });`,
    },
    {
      name: "hostile-output-valid-answers",
      status: "scored",
      source: `${prelude(rng, false)}${UNIFORM_LEARNER.replace("adapt(support) {", "adapt(support) { emit();")}`,
    },
  ];
  for (const learner of learners) {
    const upload = await packFiles(learnerFiles(learner.name, learner.source));
    archives.push(upload.path);
    const good = await packFiles(learnerFiles("uniform", UNIFORM_LEARNER));
    archives.push(good.path);
    const accept = async (u: { path: string; bytes: number }) =>
      (
        await acceptSubmission({
          db: platform.db,
          queue: platform.queue,
          store: platform.store,
          user,
          benchmarkSlug: "fuzz",
          upload: u,
        })
      ).submissionId;
    const id = await accept(upload);
    const next = await accept(good);
    const finished = (sid: string) => waitForFinish(platform, sid, `${learner.name}: submission ${sid} to finish`);

    const done = await finished(id);
    assert.equal(
      done.status,
      learner.status,
      `${learner.name}: ${done.failureKind} ${done.failureReason?.slice(0, 300)}`,
    );
    if (learner.status === "failed") {
      assert.equal(done.failureKind, "user", learner.name);
      assertSafe(done.failureReason ?? "", `${learner.name}: failure reason`);
      assert.match(
        done.failureReason ?? "",
        /before\u2400after/,
        `${learner.name}: the message is kept, NUL shown as ␀`,
      );
    }
    const attempts = await platform.db.select().from(evaluationAttempts).where(eq(evaluationAttempts.submissionId, id));
    assert.ok(attempts.length > 0);
    for (const a of attempts) {
      assertSafe(a.log ?? "", `${learner.name}: log`);
      assertSafe(a.error ?? "", `${learner.name}: attempt error`);
      assert.ok(
        (a.log ?? "").includes("before\u2400after\u2400\u2400"),
        `${learner.name}: the log keeps the text around the NUL`,
      );
      if (learner.flood) {
        assert.ok(
          /\[… \d+ bytes of output omitted …\]/.test(a.log ?? ""),
          `the 10 MB line is capped with its marker (log of ${a.log?.length} characters)`,
        );
        assert.ok((a.log ?? "").length < 2 * 1024 * 1024);
      }
    }
    // The platform answers with it: the owner's view of the submission serialises as JSON without a NUL.
    const view = await getSubmissionView(platform.db, { id, viewer: { id: user.id, role: user.role } as never });
    assert.ok(view, "the owner sees the submission");
    const json = JSON.stringify(view);
    assert.equal(json.includes("\\u0000"), false);
    assert.equal((await finished(next)).status, "scored", `${learner.name}: the next valid learner is scored`);
  }
});

test("Atari agents (native Catch): hostile output, errors and action strings fail the agent safely, and the next one plays", async () => {
  const rng = createRng(SEED + 1);
  // A thrown error quotes the message; a bad action is described by the runtime (JSON-quoted, shortened).
  const agents = [
    { name: "throws", act: `emit(); throw new Error(hostile());`, message: /before\u2400after/ },
    {
      name: "returns a hostile string as its action",
      act: `emit(); return hostile();`,
      message: /it returned a string/,
    },
  ];
  for (const agent of agents) {
    const bundle = await agentBundle(
      `${prelude(rng, agent.name === "throws")}export default () => ({ act() { ${agent.act} }, observe() {} });`,
    );
    const session = await launchRlSandbox(bundle);
    try {
      const error = await playCatch(session, bundle, 3).then(
        () => undefined,
        (e: unknown) => e,
      );
      assert.ok(error instanceof UserCodeError, `${agent.name}: ${String(error)}`);
      assertSafe(error.message, `${agent.name}: error`);
      assert.match(error.message, agent.message, `${agent.name}: ${error.message.slice(0, 200)}`);
    } finally {
      await session.close();
      await bundle.remove();
    }
    assertSafe(session.log(), `${agent.name}: log`);
    assert.ok(session.log().includes("before\u2400after"), `${agent.name}: the log keeps the text around the NUL`);
    await assertAtariAgentPlays();
  }
});

/** Initialises the agent for a small Catch task and plays it: a short learning budget, one evaluation episode. */
async function playCatch(session: SandboxSession, bundle: RlTestBundle, seed: number) {
  const task: RlTask = {
    track: "atari",
    game: "Catch",
    actions: 3,
    actionMeanings: [],
    observationShape: [84, 84, 4],
    learningSteps: 20,
    seed,
  };
  const ready = await session.request({ type: "init", manifest: bundle.manifest, task });
  if (ready.header.type !== "ready") throw new Error(`expected ready, got ${String(ready.header.type)}`);
  return play({
    env: checkedEnv(createCatch({ lives: 1 }), "Catch"),
    session,
    learningSteps: 20,
    evalEpisodes: 1,
    maxEpisodeSteps: 1000,
    seed,
    evalEpsilon: 0,
    timeoutMs: 10_000,
    signal: new AbortController().signal,
    onReport: () => {},
  });
}

async function assertAtariAgentPlays() {
  const bundle = await agentBundle(RANDOM_AGENT);
  const session = await launchRlSandbox(bundle);
  try {
    const result = await playCatch(session, bundle, 4);
    assert.equal(result.evaluation.length, 1, "the next valid agent is scored");
  } finally {
    await session.close();
    await bundle.remove();
  }
}

test("Meta-World agents: hostile output, errors and action strings fail the agent safely, and the next one scores", async () => {
  const rng = createRng(SEED + 2);
  // A thrown error quotes the message; a bad action is described by the runtime (JSON-quoted, shortened).
  const agents = [
    { name: "throws", act: `emit(); throw new Error(hostile());`, message: /before\u2400after/ },
    {
      name: "returns a hostile string as its action",
      act: `emit(); return hostile();`,
      message: /it returned a string/,
    },
  ];
  for (const agent of agents) {
    const bundle = await metaworldAgentBundle(
      `${prelude(rng, agent.name === "throws")}export default () => ({ act() { ${agent.act} }, observe() {} });`,
    );
    try {
      const run = await runInSandbox(smallMetaWorldSpec(), "reach-v3", 1, bundle);
      assert.ok(run.error instanceof UserCodeError, `${agent.name}: ${String(run.error)}`);
      assertSafe(run.error.message, `${agent.name}: error`);
      assert.match(run.error.message, agent.message, `${agent.name}: ${run.error.message.slice(0, 200)}`);
      assertSafe(run.log, `${agent.name}: log`);
      assert.ok(run.log.includes("before\u2400after"), `${agent.name}: the log keeps the text around the NUL`);
    } finally {
      await bundle.remove();
    }
  }
  // Each Meta-World run opens a MuJoCo environment (seconds): the valid agent runs once, after both hostile ones.
  const valid = await metaworldAgentBundle(`export default () => ({ act() { return [0, 0, 0, 0]; }, observe() {} });`);
  try {
    const run = await runInSandbox(smallMetaWorldSpec(), "reach-v3", 1, valid);
    assert.equal(run.error, undefined, String(run.error));
    assert.equal(run.rows?.length, 1, "the next valid agent is scored");
  } finally {
    await valid.remove();
  }
});
