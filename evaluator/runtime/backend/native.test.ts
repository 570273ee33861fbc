import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { findNativeTfjs } from "./native";

/** A package folder as setup-native.sh leaves it; `built` adds the compiled addon file. */
function fakePackage(root: string, name: "tfjs-node" | "tfjs-node-gpu", built: boolean): string {
  const dir = path.join(root, name, "node_modules", "@tensorflow", name);
  mkdirSync(path.join(dir, "lib", "napi-v8"), { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `@tensorflow/${name}` }));
  if (built) writeFileSync(path.join(dir, "lib", "napi-v8", "tfjs_binding.node"), "");
  return dir;
}

test("findNativeTfjs finds nothing where nothing was built", () => {
  const root = mkdtempSync(path.join(tmpdir(), "heldout-native-"));
  assert.equal(findNativeTfjs({ root }), undefined);
  fakePackage(root, "tfjs-node", false);
  assert.equal(findNativeTfjs({ root }), undefined, "a package without its compiled addon is not a build");
});

test("findNativeTfjs returns the built package and its library folder, the GPU build first", () => {
  const root = mkdtempSync(path.join(tmpdir(), "heldout-native-"));
  const cpu = fakePackage(root, "tfjs-node", true);
  assert.deepEqual(findNativeTfjs({ root }), { path: cpu, kind: "tensorflow", libDir: path.join(cpu, "deps", "lib") });
  const gpu = fakePackage(root, "tfjs-node-gpu", true);
  assert.deepEqual(findNativeTfjs({ root }), {
    path: gpu,
    kind: "tensorflow-gpu",
    libDir: path.join(gpu, "deps", "lib"),
  });
});
