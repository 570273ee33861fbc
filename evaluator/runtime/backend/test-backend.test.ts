import assert from "node:assert/strict";
import { test } from "node:test";
import { findNativeTfjs } from "./native";
import { testBackend } from "@/testing/backends/test-backend";

test("HELDOUT_TEST_BACKEND picks the sandbox tests' backend, cpu when unset", () => {
  assert.deepEqual(testBackend({}), { backend: "cpu" });
  assert.deepEqual(testBackend({ HELDOUT_TEST_BACKEND: "wasm" }), { backend: "wasm" });
});

test("an unknown HELDOUT_TEST_BACKEND is refused by name", () => {
  assert.throws(
    () => testBackend({ HELDOUT_TEST_BACKEND: "webgl" }),
    /HELDOUT_TEST_BACKEND must be tensorflow, wasm or cpu, not "webgl"/,
  );
});

test("HELDOUT_TEST_BACKEND=tensorflow gives the built native package, or says it is not built", () => {
  const native = findNativeTfjs();
  if (native)
    assert.deepEqual(testBackend({ HELDOUT_TEST_BACKEND: "tensorflow" }), {
      backend: "tensorflow",
      tfjsNodePath: native.path,
    });
  else
    assert.throws(() => testBackend({ HELDOUT_TEST_BACKEND: "tensorflow" }), /no native TensorFlow package is built/);
});
