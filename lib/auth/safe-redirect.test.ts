import assert from "node:assert/strict";
import { test } from "node:test";
import { safeCallbackPath } from "./safe-redirect";

test("same-origin paths survive with their query and fragment", () => {
  assert.equal(safeCallbackPath("/benchmarks/omniglot?tab=rules#phases"), "/benchmarks/omniglot?tab=rules#phases");
  assert.equal(safeCallbackPath("/"), "/");
  assert.equal(safeCallbackPath("/organize/a/../b"), "/organize/b");
});

test("every trick that leaves the site falls back to /", () => {
  const tricks = [
    "/\\evil.example/phish", // what /%5Cevil.example/phish decodes to
    "\\\\evil.example",
    "/\t/evil.example", // /%09/evil.example
    "/\n/evil.example",
    "/\r\n/evil.example",
    "//evil.example",
    "///evil.example",
    "https://evil.example/phish",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    " /\\evil.example",
    "/%2F/evil.example/..", // encoded slash stays a path segment, never a host
    "",
    undefined,
    null,
  ];
  for (const trick of tricks) {
    const result = safeCallbackPath(trick);
    assert.ok(result.startsWith("/") && !result.startsWith("//"), `${JSON.stringify(trick)} → ${result}`);
    assert.equal(
      new URL(result, "https://heldout.example").host,
      "heldout.example",
      `${JSON.stringify(trick)} → ${result}`,
    );
  }
  assert.equal(safeCallbackPath("/\\evil.example/phish"), "/");
  assert.equal(safeCallbackPath("/\t/evil.example"), "/");
  assert.equal(safeCallbackPath("https://evil.example/phish"), "/");
});

test("encoded forms stay encoded paths on our site", () => {
  assert.equal(safeCallbackPath("/%5Cevil.example/phish"), "/%5Cevil.example/phish");
  assert.equal(safeCallbackPath("/%09/evil.example"), "/%09/evil.example");
  assert.equal(safeCallbackPath("/%2F%2Fevil.example"), "/%2F%2Fevil.example");
});
