import assert from "node:assert/strict";
import { test } from "node:test";
import { capText, decodeUntrusted, displayText, forbiddenInName, NUL_SYMBOL, storableText } from "./untrusted-text";

test("invalid UTF-8 becomes U+FFFD and valid text is kept as it is", () => {
  assert.equal(decodeUntrusted(Buffer.from([0x68, 0x69, 0xff, 0xfe, 0x21])), "hi\uFFFD\uFFFD!");
  // A multi-byte character cut in half (the end of a capped log) and an overlong encoding of "/".
  assert.equal(decodeUntrusted(Buffer.from([0x61, 0xe2, 0x82])), "a\uFFFD");
  assert.equal(decodeUntrusted(Buffer.from([0xc0, 0xaf])), "\uFFFD\uFFFD");
  assert.equal(decodeUntrusted(Buffer.from("naïve — 日本 🎉", "utf8")), "naïve — 日本 🎉");
});

test("storable text has no NUL and no lone surrogate", () => {
  assert.equal(storableText("a\0b\0"), `a${NUL_SYMBOL}b${NUL_SYMBOL}`);
  assert.equal(storableText("x\ud800y\udc00z"), "x\uFFFDy\uFFFDz");
  assert.equal(storableText("pair 🎉 kept"), "pair 🎉 kept");
  assert.equal(
    storableText("line\nwith\ttab and \x1b[31mcolour\x1b[0m"),
    "line\nwith\ttab and \x1b[31mcolour\x1b[0m",
    "storage keeps escapes; display removes them",
  );
  // What PostgreSQL would refuse as text or jsonb is gone.
  assert.equal(JSON.stringify(storableText("\0\ud83d")).includes("\\u0000"), false);
});

test("over-long text keeps its start and end around a marker saying how much was cut", () => {
  assert.equal(capText("0123456789", 10), "0123456789");
  assert.equal(capText("0123456789ABCDEF", 10), "01234[… 6 characters cut …]BCDEF");
  assert.equal(storableText("a".repeat(5000), 8), "aaaa[… 4992 characters cut …]aaaa");
  // A cut through a surrogate pair leaves no lone half behind.
  assert.equal(storableText("🎉🎉🎉", 3), "\uFFFD[… 4 characters cut …]\uFFFD");
});

test("displayed text has no terminal escapes, a visible symbol for each control character, and its line breaks", () => {
  assert.equal(displayText("\x1b[31mred\x1b[0m plain"), "red plain");
  assert.equal(displayText("\x1b]0;owned title\x07after"), "after", "an OSC window title is removed");
  assert.equal(
    displayText("\x1b]8;;http://x.example\x1b\\link\x1b]8;;\x1b\\"),
    "link",
    "an OSC 8 hyperlink keeps only its text",
  );
  assert.equal(
    displayText("\x1b]0;unended\nnext line"),
    "0;unended\nnext line",
    "an unended string does not swallow the log",
  );
  assert.equal(displayText("\x1b[2J\x1b[Hclear"), "clear");
  assert.equal(displayText("\x9b31mC1 CSI"), "C1 CSI");
  assert.equal(displayText("bell\x07 nul\0 bs\b del\x7f"), "bell\u2407 nul\u2400 bs\u2408 del\u2421");
  assert.equal(displayText("progress 10%\rprogress 99%\r\ndone"), "progress 10%\nprogress 99%\ndone");
  assert.equal(displayText("tab\tand\nnewline"), "tab\tand\nnewline");
  assert.equal(displayText("abc\u202edcba"), "abc\uFFFDdcba", "a right-to-left override cannot reorder the line");
  assert.equal(displayText("bad \xff\ud800 end"), "bad \xff\uFFFD end", "U+00FF is a letter; a lone surrogate is not");
  assert.equal(displayText("x".repeat(20), 10), "xxxxx[… 10 characters cut …]xxxxx");
});

test("a one-line name names the first character it may not hold", () => {
  assert.equal(forbiddenInName("Team Ünïcode 🎉"), undefined);
  assert.equal(forbiddenInName("bad\0name"), "U+0000");
  assert.equal(forbiddenInName("two\nlines"), "U+000A");
  assert.equal(forbiddenInName("esc\x1b[31m"), "U+001B");
  assert.equal(forbiddenInName("rtl\u202e"), "U+202E");
  assert.equal(forbiddenInName("lone\ud800"), "U+D800");
  assert.equal(forbiddenInName("lone\udc00"), "U+DC00");
});
