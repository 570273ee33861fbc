import assert from "node:assert/strict";
import { test } from "node:test";
import { main } from "../heldout";
import type { Io } from "../io";
import { parseBinding, withoutMissingSimulators } from "./worker";

// `heldout worker --tracks/--devices/--benchmarks` name the queues a worker takes; bad names are refused at once.

test("the flags become the worker's queue binding; omitted ones mean every queue", () => {
  assert.deepEqual(parseBinding({}), { tracks: undefined, devices: undefined, benchmarks: undefined });
  assert.deepEqual(parseBinding({ tracks: "fewshot, atari", devices: "gpu", benchmarks: "glyphs-5way-1shot" }), {
    tracks: ["fewshot", "atari"],
    devices: ["gpu"],
    benchmarks: ["glyphs-5way-1shot"],
  });
});

test("an unknown track or device, or an empty list, is a usage error naming the flag", async () => {
  const errors: string[] = [];
  const io: Io = { out: () => {}, err: (text) => void errors.push(text), errIsTTY: false };
  assert.equal(await main(["worker", "--tracks", "chess"], io), 2);
  assert.match(errors.pop() ?? "", /^--tracks: 'chess' is not one of fewshot, atari, metaworld\./);
  assert.equal(await main(["worker", "--devices", "tpu"], io), 2);
  assert.match(errors.pop() ?? "", /^--devices: 'tpu' is not one of cpu, gpu\./);
  assert.equal(await main(["worker", "--benchmarks", ","], io), 2);
  assert.match(errors.pop() ?? "", /^--benchmarks needs at least one name\./);
});

test("a track whose simulator is missing is left out of the binding, with a line saying its units wait and why", () => {
  const problem =
    "The RL environments need the project virtualenv: run scripts/setup-python.sh (No module named 'ale_py')";
  const all = withoutMissingSimulators(parseBinding({}), [{ track: "atari", problem }]);
  assert.deepEqual(all.binding.tracks, ["fewshot", "metaworld"]);
  assert.deepEqual(all.waiting, [`Atari units stay queued until a worker can run them: ${problem}`]);

  const named = withoutMissingSimulators(parseBinding({ tracks: "atari", devices: "cpu" }), [
    { track: "atari", problem },
  ]);
  assert.deepEqual(
    named.binding,
    { tracks: [], devices: ["cpu"], benchmarks: undefined },
    "nothing left to take: the worker refuses to start",
  );

  const unaffected = parseBinding({ tracks: "fewshot" });
  assert.deepEqual(withoutMissingSimulators(unaffected, [{ track: "atari", problem }]), {
    binding: unaffected,
    waiting: [],
  });
});
