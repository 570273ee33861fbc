import assert from "node:assert/strict";
import { test } from "node:test";
import React, { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { sampleReportedResult } from "@/testing/specs/reported-result";
import { ReportedResults } from "./reported-results";

// Next compiles JSX with the automatic runtime; the test runner's transform emits React.createElement calls instead.
Object.assign(globalThis, { React });

const entry = (method: string, numbers = sampleReportedResult().numbers) => ({
  ...sampleReportedResult({ method, numbers }),
  id: `id-${method}`,
  shipped: true,
  addedAt: new Date(0),
});

test("its own section, marked as not evaluated here: the numbers as printed, the paper linked, no rank or tier", () => {
  const html = renderToStaticMarkup(
    createElement(ReportedResults, {
      reported: [
        entry("MAML", [{ metric: "accuracy", value: "98.7", plusMinus: "0.4", unit: "percent" }]),
        entry("BBF <script>", [{ metric: "IQM HNS", value: "1.045", unit: "plain" }]),
      ],
    }),
  );
  assert.match(html, /<section[^>]*data-testid="reported-results"><h2[^>]*>Reported, not evaluated here<\/h2>/);
  assert.match(html, /accuracy: 98\.7 ± 0\.4%/);
  assert.match(html, /IQM HNS: 1\.045</);
  assert.match(html, /<a href="https:\/\/arxiv\.org\/abs\/1703\.05175" rel="noopener noreferrer nofollow">/);
  assert.ok(html.includes("BBF &lt;script&gt;"), "text is escaped, never markup");
  assert.doesNotMatch(html, /\btier\b|\brank\b|type="checkbox"/);
});

test("nothing at all when a board has no reported result", () => {
  assert.equal(renderToStaticMarkup(createElement(ReportedResults, { reported: [] })), "");
});
