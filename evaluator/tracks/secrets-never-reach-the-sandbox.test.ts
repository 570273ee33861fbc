import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { agentSeed, drawVersionSecrets, type VersionSecrets } from "@/lib/private-seeds";
import type { FrameHeader, WireTensors } from "../protocol/framing";
import { VENV_PYTHON } from "../envs/venv";
import { ensureRuntimeBuilt } from "../runtime/build";
import { launchSandbox, type SandboxSession } from "../sandbox";
import { SANDBOX_PATHS } from "../sandbox/command";
import { sandboxContents } from "../sandbox/contents";
import { learnerBundle, type TestBundle } from "@/testing/sandbox/harness";
import { runAtariUnit } from "./atari/driver";
import { atariSpecSchema } from "./atari/definition/spec";
import { agentBundle } from "@/testing/tracks/atari";
import { runFewshotUnit } from "./fewshot/driver";
import { smallSpec as smallFewshotSpec } from "@/testing/tracks/fewshot";
import { runMetaWorldUnit } from "./metaworld/driver";
import { metaworldAgentBundle, smallSpec as smallMetaWorldSpec } from "@/testing/tracks/metaworld";
import type { RunUnitContext, TrackSession } from "./runner-types";

/**
 * One private unit of each track with secrets drawn as a new version draws them, recording every byte the sandbox
 * receives: each message (header and tensor bytes), its environment and command line, and every file it can read
 * (the code lists them from inside; each one is read here from the host file bound there). None may hold a private
 * seed, the agents' seed key or, for Meta-World, a private goal. The host's system trees (/usr, /lib…: bound for the
 * interpreter, written before any version existed) are the only files not read.
 */

/** Runs at import inside the sandbox: prints what it can see, then answers as a uniform learner or a random agent. */
const SNOOP = `
import fs from "node:fs";
const SKIP = new Set(["/proc", "/sys", "/dev", "/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin"]);
const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = dir === "/" ? "/" + entry.name : dir + "/" + entry.name;
    if (SKIP.has(full)) continue;
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile()) {
      const size = fs.statSync(full).size;
      files.push({ path: full, size, tmp: full.startsWith("/tmp/") ? fs.readFileSync(full).toString("base64") : undefined });
    }
  }
};
walk("/");
// Written synchronously: the sandbox may be closed before an asynchronous pipe write is flushed.
fs.writeSync(1, "SNOOP " + JSON.stringify({ env: process.env, argv: process.argv, execArgv: process.execArgv, cwd: process.cwd(), files }) + "\\n");
`;
const LEARNER = `${SNOOP}
export default ({ tf, task }) => ({ adapt() {}, predict: ({ images }) => tf.fill([images.shape[0], task.ways], 1 / task.ways) });`;
const AGENT = `${SNOOP}
export default ({ task }) => ({ act: () => (task.actions ? Math.floor(Math.random() * task.actions) : Array.from({ length: 4 }, () => Math.random() * 2 - 1)), observe() {} });`;

type Snooped = {
  env: Record<string, string>;
  argv: string[];
  execArgv: string[];
  cwd: string;
  files: { path: string; size: number; tmp?: string }[];
};
type Received = { headers: FrameHeader[]; tensors: Buffer[]; snooped: Snooped };
type ClosableSession = TrackSession & { close(): Promise<unknown> };

const bundles: TestBundle[] = [];
after(() => Promise.all(bundles.map((b) => b.remove())));

/**
 * Runs `run` against a real sandbox of `bundle`, recording everything sent to it and to any further sandbox of the
 * bundle the track starts (`startSession`, for isolation: task: Meta-World goals, few-shot replays).
 */
async function receivedBy(
  bundle: TestBundle,
  run: (session: ClosableSession, startSession: () => Promise<ClosableSession>) => Promise<unknown>,
): Promise<Received> {
  bundles.push(bundle);
  const launch = () =>
    launchSandbox({
      bundleDir: bundle.dir,
      limits: { wallSeconds: 300, memoryMb: 1024, callSeconds: 60 },
      backend: "cpu",
      logBytes: 64 * 1024 * 1024,
    });
  const headers: FrameHeader[] = [];
  const tensors: Buffer[] = [];
  const recorded = (session: SandboxSession) => ({
    request(message: FrameHeader, sent?: WireTensors, options?: { timeoutMs?: number }) {
      headers.push(message);
      for (const t of Object.values(sent ?? {}))
        tensors.push(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
      return session.request(message, sent, options);
    },
    close: () => session.close(),
  });
  const sessions = [await launch()];
  try {
    await run(recorded(sessions[0]), async () => {
      const later = await launch();
      sessions.push(later);
      return recorded(later);
    });
  } finally {
    for (const session of sessions) await session.close();
  }
  const lines = sessions.map((session) =>
    session
      .log()
      .split("\n")
      .find((l) => l.startsWith("SNOOP ")),
  );
  assert.ok(lines.every(Boolean), "every sandbox listed what it can see");
  return { headers, tensors, snooped: JSON.parse(lines[0]!.slice("SNOOP ".length)) as Snooped };
}

/** The host file behind each sandbox path (the binds launchSandbox makes for the cpu backend). */
async function hostPathOf(bundleDir: string): Promise<(sandboxPath: string) => string | undefined> {
  const contents = sandboxContents({ backend: "cpu" });
  const runtimeFile = await ensureRuntimeBuilt();
  const binds: [string, string][] = [
    [SANDBOX_PATHS.runtimeFile, runtimeFile],
    [SANDBOX_PATHS.bundle, bundleDir],
    ...[...contents.packages].map(([name, dir]): [string, string] => [
      path.posix.join(SANDBOX_PATHS.nodeModules, name),
      dir,
    ]),
    ...contents.extraReadOnly.map((dir): [string, string] => [dir, dir]),
    [process.execPath, process.execPath],
  ];
  return (p) => {
    const bind = binds
      .filter(([inside]) => p === inside || p.startsWith(inside + "/"))
      .sort((a, b) => b[0].length - a[0].length)[0];
    return bind && bind[1] + p.slice(bind[0].length);
  };
}

/**
 * A secret as bytes. `decimal`: text, matched only as a whole number; `binary`: raw bytes, searched in tensors only
 * (in files, 4 random bytes would turn up by chance).
 */
type Needle = { what: string; bytes: Buffer; form: "decimal" | "text" | "binary" };

/** A number as the sandbox could receive it: decimal text, and float32, float64, int32 (little-endian). */
function numberNeedles(value: number): Needle[] {
  const f32 = Buffer.alloc(4);
  f32.writeFloatLE(value);
  const f64 = Buffer.alloc(8);
  f64.writeDoubleLE(value);
  const out: Needle[] = [
    { what: `${value} as text`, bytes: Buffer.from(String(value)), form: "decimal" },
    { what: `${value} as float32`, bytes: f32, form: "binary" },
    { what: `${value} as float64`, bytes: f64, form: "binary" },
  ];
  if (Number.isInteger(value)) {
    const i32 = Buffer.alloc(4);
    i32.writeUInt32LE(value);
    out.push({ what: `${value} as int32`, bytes: i32, form: "binary" });
  }
  return out;
}

/** Whether `needle` occurs in `haystack` (a decimal only where no digit or decimal point continues it). */
function occurs(haystack: Buffer, needle: Needle): boolean {
  const isDigit = (b: number | undefined) => b !== undefined && ((b >= 0x30 && b <= 0x39) || b === 0x2e);
  for (let at = haystack.indexOf(needle.bytes); at >= 0; at = haystack.indexOf(needle.bytes, at + 1)) {
    if (needle.form !== "decimal" || (!isDigit(haystack[at - 1]) && !isDigit(haystack[at + needle.bytes.length])))
      return true;
  }
  return false;
}

/** Asserts no secret is in anything the sandbox received: messages, environment, command line, readable files. */
async function assertNothingSecret(
  received: Received,
  bundle: TestBundle,
  secrets: VersionSecrets,
  goals: number[] = [],
) {
  const seeds = "seed" in secrets.private ? [secrets.private.seed] : secrets.private.seeds;
  const needles: Needle[] = [
    ...[...seeds, ...goals].flatMap(numberNeedles),
    { what: "the agents' seed key", bytes: Buffer.from(secrets.agentKey), form: "text" },
    { what: "the agents' seed key as bytes", bytes: Buffer.from(secrets.agentKey, "hex"), form: "binary" },
  ];
  const { snooped } = received;
  assert.deepEqual(
    Object.keys(snooped.env).sort(),
    ["HOME", "LANG", "PATH", "PWD", "TMPDIR"],
    "the sandbox's environment is the fixed one",
  );
  const searched: [string, Buffer][] = [
    ["messages", Buffer.from(JSON.stringify(received.headers))],
    [
      "environment and command line",
      Buffer.from(JSON.stringify([snooped.env, snooped.argv, snooped.execArgv, snooped.cwd])),
    ],
  ];
  const tensors = Buffer.concat(received.tensors);
  const hostPath = await hostPathOf(bundle.dir);
  assert.ok(snooped.files.length > 10, "the listing reached the runtime and its packages");
  for (const file of snooped.files) {
    if (file.tmp !== undefined) {
      searched.push([file.path, Buffer.from(file.tmp, "base64")]);
      continue;
    }
    const host = hostPath(file.path);
    assert.ok(host, `${file.path} is readable in the sandbox but comes from no known bind`);
    assert.equal(statSync(host).size, file.size, `${file.path} is ${host}`);
    searched.push([file.path, readFileSync(host)]);
  }
  for (const needle of needles) {
    assert.ok(!occurs(tensors, needle), `${needle.what} (secret) found in the tensors sent`);
    if (needle.form === "binary") continue;
    for (const [where, bytes] of searched)
      assert.ok(!occurs(bytes, needle), `${needle.what} (secret) found in ${where}`);
  }
}

test("few-shot: a private partition's episode seed never reaches the learner", async () => {
  const spec = { ...smallFewshotSpec(3), partitions: { public: { episodes: 1, seed: 1 }, private: { episodes: 3 } } };
  const secrets = drawVersionSecrets(spec)!;
  const bundle = await learnerBundle(LEARNER);
  const context = {
    spec,
    secrets,
    unit: { key: "private", partition: "private" as const },
    manifest: bundle.manifest,
    onProgress() {},
    signal: new AbortController().signal,
  };
  const received = await receivedBy(bundle, (session, startSession) =>
    runFewshotUnit({ ...context, session, startSession, closeSession: () => session.close() }),
  );
  // The run's 3 episodes, then (isolation: task) each replayed by a fresh sandbox: its seeds are the unit's HMACs.
  assert.equal(received.headers.filter((h) => h.type === "episode").length, 6);
  const init = received.headers.find((h) => h.type === "init") as unknown as { task: { seed: number } };
  assert.equal(init.task.seed, agentSeed(secrets, "private", 0));
  await assertNothingSecret(received, bundle, secrets);
});

test("Atari: a private run's seed never reaches the agent; its own seed is the unit's HMAC", async () => {
  const spec = atariSpecSchema.parse({
    track: "atari",
    games: ["Pong"],
    partitions: { public: { seeds: [1] }, private: { runs: 1 } },
    learningSteps: 60,
    evalEpisodes: 1,
    kinds: ["agent"],
    limits: { wallSeconds: 300, memoryMb: 1024, callSeconds: 30 },
  });
  const secrets = drawVersionSecrets(spec)!;
  const bundle = await agentBundle(AGENT);
  const context: Omit<RunUnitContext<typeof spec>, "session"> = {
    spec,
    secrets,
    unit: { key: "Pong/private-1", partition: "private" },
    manifest: bundle.manifest,
    onProgress() {},
    signal: new AbortController().signal,
  };
  const received = await receivedBy(bundle, (session) =>
    runAtariUnit({ ...context, session }, { env: { maxEpisodeFrames: 400 } }),
  );
  const init = received.headers.find((h) => h.type === "init") as unknown as { task: { seed: number } };
  assert.equal(init.task.seed, agentSeed(secrets, "Pong/private-1", 0));
  await assertNothingSecret(received, bundle, secrets);
});

test("Meta-World: a private run's seed and goals never reach the agent", async () => {
  const spec = smallMetaWorldSpec({
    partitions: { public: { seeds: [1] }, private: { runs: 1 } },
    goalsPerTask: 2,
    maxEpisodeSteps: 10,
  });
  const secrets = drawVersionSecrets(spec)!;
  assert.ok("seeds" in secrets.private);
  const bundle = await metaworldAgentBundle(AGENT);
  const context: Omit<RunUnitContext<typeof spec>, "session"> = {
    spec,
    secrets,
    unit: { key: "reach-v3/private-1", partition: "private" },
    manifest: bundle.manifest,
    onProgress() {},
    signal: new AbortController().signal,
  };
  const received = await receivedBy(bundle, (session, startSession) =>
    runMetaWorldUnit({ ...context, session, startSession }),
  );
  assert.equal(received.headers.filter((h) => h.type === "taskStart").length, 2, "both goals were played");
  // The goals of the secret seed, as metaworld's own constructor builds them (the targets the agent must not see), and
  // the first observation of each goal, which the agent does see: a control that the search finds what was sent.
  const script = `import json, sys, metaworld_env
t = metaworld_env.make_task("ML1", "test", "reach-v3", int(sys.argv[1]))
goals, seen = [], []
for g in range(int(sys.argv[2])):
    obs, _ = t.reset(options={"goal": g})
    goals.extend(float(x) for x in t.env.unwrapped._target_pos)
    seen.append([float(x) for x in obs[4:7]])
print(json.dumps([goals, seen]))`;
  const python = await promisify(execFile)(VENV_PYTHON, ["-B", "-c", script, String(secrets.private.seeds[0]), "2"], {
    cwd: path.resolve(import.meta.dirname, "../envs/python"),
    encoding: "utf8",
  });
  const [goals, seen] = JSON.parse(python.stdout.trim().split("\n").at(-1)!) as [number[], number[][]];
  assert.equal(goals.length, 6);
  const tensors = Buffer.concat(received.tensors);
  assert.ok(
    seen.some((position) =>
      position.every((x) => x === 0 || numberNeedles(x).some((n) => n.form === "binary" && occurs(tensors, n))),
    ),
    "the object's position, which the agent sees, is found",
  );
  await assertNothingSecret(received, bundle, secrets, goals);
});
