import assert from "node:assert/strict";
import { test } from "node:test";
import { describeZodError } from "@/lib/http/errors";
import { reportedResultSchema } from "./schema";
import { sampleReportedResult } from "@/testing/specs/reported-result";

/** The one-sentence refusal a route sends for `value`, or undefined when it is accepted. */
function refusal(value: unknown): string | undefined {
  const parsed = reportedResultSchema.safeParse(value);
  return parsed.success ? undefined : describeZodError(parsed.error);
}

const sample = sampleReportedResult();

test("a complete result is accepted as it was sent, digits kept as printed", () => {
  const result = sampleReportedResult({
    numbers: [{ metric: "accuracy", value: "96.0", plusMinus: "0.30", unit: "percent" }],
  });
  assert.deepEqual(reportedResultSchema.parse(result), result);
});

test("hostile text is refused, naming the field and the character", () => {
  assert.equal(
    refusal({ ...sample, method: "Proto\u0000Net" }),
    "method: must not contain control characters (found U+0000)",
  );
  assert.equal(
    refusal({ ...sample, method: "Proto\u202eteN" }),
    "method: must not contain control characters (found U+202E)",
  );
  assert.equal(
    refusal({ ...sample, protocol: "line one\nline two\u001b[2J" }),
    "protocol: must not contain control characters (found U+001B)",
  );
  assert.equal(
    refusal({ ...sample, paper: { ...sample.paper, bibtex: "@misc{x,\u0000}" } }),
    "paper.bibtex: must not contain control characters (found U+0000)",
  );
});

test("huge strings are refused with the limit", () => {
  assert.equal(refusal({ ...sample, method: "M".repeat(121) }), "method: at most 120 characters");
  assert.equal(refusal({ ...sample, protocol: "p".repeat(2001) }), "protocol: at most 2000 characters");
  assert.equal(
    refusal({ ...sample, paper: { ...sample.paper, bibtex: "b".repeat(5001) } }),
    "paper.bibtex: at most 5000 characters",
  );
  assert.equal(
    refusal({ ...sample, numbers: Array.from({ length: 17 }, () => sample.numbers[0]) }),
    "numbers: at most 16 numbers",
  );
});

test("only http(s) links: javascript:, data: and non-links are refused", () => {
  const withUrl = (url: string) => ({ ...sample, paper: { ...sample.paper, url } });
  assert.equal(refusal(withUrl("javascript:alert(document.cookie)")), "paper.url: must be an http:// or https:// link");
  assert.equal(
    refusal(withUrl("data:text/html,<script>alert(1)</script>")),
    "paper.url: must be an http:// or https:// link",
  );
  assert.equal(refusal(withUrl("not a link")), "paper.url: Invalid URL");
  assert.equal(
    refusal(withUrl(`https://arxiv.org/abs/${"1".repeat(500)}`)),
    "paper.url: Too big: expected string to have <=500 characters",
  );
});

test("numbers are decimals as printed, the ± never negative; empty and unknown fields are refused", () => {
  const withNumber = (n: object) => ({ ...sample, numbers: [{ ...sample.numbers[0], ...n }] });
  assert.equal(
    refusal(withNumber({ value: 98.8 })),
    'numbers.0.value: must be a decimal number written as a string, e.g. "98.8"',
  );
  assert.equal(
    refusal(withNumber({ value: "1e309" })),
    "numbers.0.value: must be a decimal number as printed, e.g. 98.8 or -0.25",
  );
  assert.equal(refusal(withNumber({ plusMinus: "-0.4" })), "numbers.0.plusMinus: must not be negative");
  assert.equal(refusal(withNumber({ unit: "%" })), "numbers.0.unit: unit is 'percent' or 'plain'");
  assert.equal(refusal({ ...sample, numbers: [] }), "numbers: at least one number");
  assert.equal(refusal({ ...sample, method: "   " }), "method: must not be empty");
  assert.match(refusal({ ...sample, rank: 1 })!, /^Unrecognized key: "rank"/);
});
