import assert from "node:assert/strict";
import { test } from "node:test";
import { methodCardSchema } from "@/evaluator/protocol/manifest";

test("method links must be http(s): javascript:, data:, file: and others are refused with a message", () => {
  for (const field of ["paper", "code"] as const) {
    for (const link of [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "file:///etc/passwd",
      "ftp://example.org/x",
      "vbscript:msgbox",
    ]) {
      const result = methodCardSchema.safeParse({ [field]: link });
      assert.equal(result.success, false, `${field}: ${link}`);
      assert.ok(
        result.error!.issues.some((i) => i.path[0] === field),
        `${field}: ${link}`,
      );
    }
    assert.match(
      JSON.stringify(methodCardSchema.safeParse({ [field]: "javascript:alert(1)" }).error!.issues),
      /http:\/\/ or https:\/\//,
    );
  }
});

test("http and https links are kept as written", () => {
  const card = methodCardSchema.parse({ paper: "https://arxiv.org/abs/1703.05175", code: "http://example.org/code" });
  assert.equal(card.paper, "https://arxiv.org/abs/1703.05175");
  assert.equal(card.code, "http://example.org/code");
});
