import { test } from "node:test";
import {
  assertFailure,
  assertSandboxStillWorks,
  learnerBundle,
  runOneEpisode,
  TEST_LIMITS,
} from "@/testing/sandbox/harness";

const limits = { ...TEST_LIMITS, memoryMb: 256 };

test("allocating typed arrays without end is stopped by the memory limit", async () => {
  const bundle = await learnerBundle(`
const hoard = [];
export default () => ({
  adapt() { for (;;) hoard.push(new Float64Array(16 * 1024 * 1024).fill(1)); },
  predict() {},
});`);
  try {
    assertFailure(
      await runOneEpisode(bundle, { limits }),
      "memory",
      /^Out of memory: the sandbox is limited to 256 MB$/,
    );
  } finally {
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});

test("growing the JavaScript heap without end is stopped by the memory limit", async () => {
  const bundle = await learnerBundle(`
const hoard = [];
export default () => ({
  adapt() { for (let i = 0; ; i++) hoard.push({ i, text: "x" + i, list: [i, i + 1, i + 2] }); },
  predict() {},
});`);
  try {
    assertFailure(
      await runOneEpisode(bundle, { limits }),
      "memory",
      /^Out of memory: the sandbox is limited to 256 MB$/,
    );
  } finally {
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});
