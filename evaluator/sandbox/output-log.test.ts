import assert from "node:assert/strict";
import { test } from "node:test";
import { CappedLog } from "./output-log";

test("output under the cap is kept whole", () => {
  const log = new CappedLog(100);
  log.append(Buffer.from("hello "));
  log.append(Buffer.from("world"));
  assert.equal(log.text(), "hello world");
  assert.equal(log.totalBytes, 11);
});

test("output over the cap keeps its beginning and its end and says how much was dropped", () => {
  const log = new CappedLog(40);
  log.append(Buffer.from("0123456789ABCDE"));
  for (let i = 0; i < 1000; i++) log.append(Buffer.from("-".repeat(97)));
  log.append(Buffer.from("the last words"));
  const text = log.text();
  assert.equal(text, "0123456789ABCDE-----\n[… 96989 bytes of output omitted …]\n------the last words");
  assert.equal(log.totalBytes, 15 + 97_000 + 14);
});

test("the captured text is safe to store: NUL marked, invalid UTF-8 and a character cut by the cap replaced", () => {
  const log = new CappedLog(10);
  log.append(Buffer.from([0x61, 0x00, 0x62, 0xff, 0x63]));
  log.append(Buffer.from("é".repeat(20)));
  const text = log.text();
  assert.equal(text.includes("\0"), false);
  assert.equal(Buffer.from(text, "utf8").toString("utf8"), text, "valid UTF-8");
  assert.match(text, /^a\u2400b\uFFFDc/);
  assert.match(text, /\[… \d+ bytes of output omitted …\]/);
  assert.match(text, /é$/);
});
