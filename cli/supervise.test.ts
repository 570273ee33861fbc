import assert from "node:assert/strict";
import { test } from "node:test";
import {
  restartDelay,
  supervise,
  type ChildHandle,
  type Clock,
  type ExitStatus,
  type RestartPolicy,
} from "./supervise";

const policy: RestartPolicy = { initialDelayMs: 100, maxDelayMs: 1000, healthyAfterMs: 10_000 };

/** A process that runs until told to end, and records the signals it was sent. */
function fakeChild(pid: number, options: { ignores?: NodeJS.Signals[] } = {}) {
  let end!: (status: ExitStatus) => void;
  const signals: NodeJS.Signals[] = [];
  const handle: ChildHandle = {
    pid,
    exited: new Promise((resolve) => (end = resolve)),
    kill: (signal) => {
      signals.push(signal);
      if (!options.ignores?.includes(signal)) end({ code: null, signal });
    },
  };
  return { handle, end, signals };
}

/** A clock that only moves when told to; each sleep is recorded and settles at once. */
function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return { clock, sleeps, advance: (ms: number) => (now += ms) };
}

/** Resolves once `condition` holds, letting the supervisor's promises run in between. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), "condition never held");
}

test("the restart delay doubles with each quick crash and stops at the maximum", () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6].map((n) => restartDelay(policy, n)),
    [100, 200, 400, 800, 1000, 1000],
  );
});

test("a process that keeps crashing is restarted with growing waits, each crash logged", async () => {
  const { clock, sleeps } = fakeClock();
  const children: ReturnType<typeof fakeChild>[] = [];
  const log: string[] = [];
  const supervised = supervise({
    name: "worker",
    policy,
    clock,
    log: (line) => log.push(line),
    start: () => {
      const child = fakeChild(children.length + 1);
      children.push(child);
      return child.handle;
    },
  });
  for (let i = 1; i <= 4; i++) {
    await until(() => children.length === i);
    children[i - 1].end({ code: 1, signal: null });
  }
  await until(() => children.length === 5);
  assert.deepEqual(sleeps, [100, 200, 400, 800]);
  assert.equal(supervised.restarts(), 4);
  assert.equal(supervised.current()?.pid, 5);
  assert.ok(log.includes("worker exited with code 1; restarting in 0.1 s"), log.join("\n"));
  assert.ok(log.includes("worker started (pid 5)"), log.join("\n"));
  await supervised.stop("SIGTERM", 1000);
  assert.deepEqual(children[4].signals, ["SIGTERM"]);
});

test("a crash after a healthy run waits the initial delay again", async () => {
  const { clock, sleeps, advance } = fakeClock();
  const children: ReturnType<typeof fakeChild>[] = [];
  const supervised = supervise({
    name: "site",
    policy,
    clock,
    log: () => {},
    start: () => {
      const child = fakeChild(children.length + 1);
      children.push(child);
      return child.handle;
    },
  });
  await until(() => children.length === 1);
  children[0].end({ code: null, signal: "SIGKILL" });
  await until(() => children.length === 2);
  children[1].end({ code: null, signal: "SIGKILL" });
  await until(() => children.length === 3);
  advance(policy.healthyAfterMs);
  children[2].end({ code: null, signal: "SIGKILL" });
  await until(() => children.length === 4);
  assert.deepEqual(sleeps, [100, 200, 100]);
  await supervised.stop("SIGTERM", 1000);
});

test("a spawn that throws is logged and tried again", async () => {
  const { clock, sleeps } = fakeClock();
  const log: string[] = [];
  let calls = 0;
  const child = fakeChild(7);
  const supervised = supervise({
    name: "PostgreSQL",
    policy,
    clock,
    log: (line) => log.push(line),
    start: () => {
      calls += 1;
      if (calls === 1) throw new Error("spawn setpriv ENOENT");
      return child.handle;
    },
  });
  await until(() => supervised.current() !== undefined);
  assert.deepEqual(sleeps, [100]);
  assert.ok(
    log.includes("PostgreSQL could not be started (spawn setpriv ENOENT); restarting in 0.1 s"),
    log.join("\n"),
  );
  await supervised.stop("SIGINT", 1000);
});

test("stop does not restart, and kills a process that ignores its signal once the timeout passes", async () => {
  const { clock } = fakeClock();
  let starts = 0;
  const stubborn = fakeChild(9, { ignores: ["SIGTERM"] });
  const supervised = supervise({
    name: "worker",
    policy,
    clock,
    log: () => {},
    start: () => {
      starts += 1;
      return stubborn.handle;
    },
  });
  await until(() => starts === 1);
  await supervised.stop("SIGTERM", 20);
  assert.deepEqual(stubborn.signals, ["SIGTERM", "SIGKILL"]);
  assert.equal(starts, 1);
  assert.equal(supervised.current(), undefined);
});
