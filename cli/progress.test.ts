import assert from "node:assert/strict";
import { test } from "node:test";
import { unitsProgress } from "./commands/submit";
import { progressBar } from "./progress";
import { captureIo } from "@/testing/cli/capture-io";

test("off a terminal a bar prints one line at each quarter, with counts and their noun", () => {
  const capture = captureIo();
  const bar = progressBar(capture.io, "Evaluating", { noun: "units" });
  for (let done = 0; done <= 40; done++) bar.update(done, 40);
  bar.done();
  assert.deepEqual(capture.err().trimEnd().split("\n"), [
    `Evaluating [${".".repeat(30)}]   0%  0 / 40 units`,
    `Evaluating [${"#".repeat(8)}${".".repeat(22)}]  25%  10 / 40 units`,
    `Evaluating [${"#".repeat(15)}${".".repeat(15)}]  50%  20 / 40 units`,
    `Evaluating [${"#".repeat(23)}${".".repeat(7)}]  75%  30 / 40 units`,
    `Evaluating [${"#".repeat(30)}] 100%  40 / 40 units`,
  ]);
});

test("on a terminal a bar redraws its line in place and ends it with a newline; sizes print as bytes", () => {
  const capture = captureIo({ errIsTTY: true });
  const bar = progressBar(capture.io, "Uploading");
  bar.update(0, 2048);
  bar.update(2048, 2048);
  bar.done();
  const err = capture.err();
  assert.equal(err.split("\r\x1b[K").length, 3, "two redraws, each clearing the line first");
  assert.match(err, /Uploading \[#{30}\] 100% {2}2(\.0)? KiB \/ 2(\.0)? KiB\n$/);
  assert.equal(err.split("\n").length, 2, "one newline, at the end");
});

test("a bar with nothing to do is full at once", () => {
  const capture = captureIo();
  progressBar(capture.io, "Checking", { noun: "files" }).update(0, 0);
  assert.equal(capture.err(), `Checking [${"#".repeat(30)}] 100%  0 / 0 files\n`);
});

test("a submission's progress counts done units and the running units' own progress", () => {
  const unit = (status: string, progress: unknown = null) => ({ key: "k", partition: "public", status, progress });
  assert.deepEqual(unitsProgress([]), { done: 0, fraction: 0 });
  assert.deepEqual(
    unitsProgress([unit("done"), unit("running", { done: 300, total: 600 }), unit("pending"), unit("failed")]),
    {
      done: 1,
      fraction: 1.5 / 4,
    },
  );
  // Progress from the server is checked, not trusted: garbage counts as no progress.
  assert.deepEqual(
    unitsProgress([unit("running", { done: "x", total: 0 }), unit("running", { done: 1e9, total: 10 })]),
    {
      done: 0,
      fraction: 0.5,
    },
  );
});
