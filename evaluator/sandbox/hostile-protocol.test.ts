import { test } from "node:test";
import { assertFailure, assertSandboxStillWorks, learnerBundle, runOneEpisode } from "@/testing/sandbox/harness";

test("garbage written to the protocol pipe is a protocol failure", async () => {
  const bundle = await learnerBundle(`
import fs from "node:fs";
export default () => ({
  async adapt() { fs.writeSync(4, Buffer.from("garbage, not a frame")); await new Promise(() => {}); },
  predict() {},
});`);
  try {
    assertFailure(
      await runOneEpisode(bundle),
      "protocol",
      /^The sandbox sent malformed protocol data: frame of \d+ bytes exceeds/,
    );
  } finally {
    await bundle.remove();
  }
});

test("a well-framed message that breaks the message schema is a protocol failure", async () => {
  const bundle = await learnerBundle(`
import fs from "node:fs";
export default () => ({
  async adapt() {
    const header = Buffer.from(JSON.stringify({ type: "predictions", index: "zero" }));
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(4 + header.length, 0);
    prefix.writeUInt32LE(header.length, 4);
    fs.writeSync(4, Buffer.concat([prefix, header]));
    await new Promise(() => {});
  },
  predict() {},
});`);
  try {
    assertFailure(await runOneEpisode(bundle), "protocol", /invalid "predictions" message: index/);
  } finally {
    await bundle.remove();
  }
  await assertSandboxStillWorks();
});

test("code that closes the protocol pipes and keeps running is stopped as a crash without waiting for a timeout", async () => {
  const bundle = await learnerBundle(`
import fs from "node:fs";
export default () => ({
  async adapt() { fs.closeSync(4); fs.closeSync(3); await new Promise(() => setInterval(() => {}, 1000)); },
  predict() {},
});`);
  try {
    const run = await runOneEpisode(bundle);
    assertFailure(
      run,
      "crash",
      /^The sandbox stopped unexpectedly \(it closed its protocol pipe\) while handling "episode"$/,
    );
  } finally {
    await bundle.remove();
  }
});
