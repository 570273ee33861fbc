import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "node:test";
import { selectBackend } from "./index";
import { findNativeTfjs } from "./native";

// First in this file: the WASM module is set up once per process.
test("setting up wasm leaves no process-wide error handlers behind", async () => {
  const before = [process.listeners("uncaughtException"), process.listeners("unhandledRejection")];
  await selectBackend({ prefer: "wasm" });
  assert.deepEqual([process.listeners("uncaughtException"), process.listeners("unhandledRejection")], before);
});

test("forcing wasm gives a working wasm backend", async () => {
  const { tf, backend } = await selectBackend({ prefer: "wasm" });
  assert.equal(backend, "wasm");
  assert.equal(tf.getBackend(), "wasm");
  assert.deepEqual(Array.from(await tf.tensor1d([1, 2]).add(1).data()), [2, 3]);
});

test("forcing cpu gives a working cpu backend", async () => {
  const { tf, backend } = await selectBackend({ prefer: "cpu" });
  assert.equal(backend, "cpu");
  assert.equal(tf.getBackend(), "cpu");
  assert.deepEqual(Array.from(await tf.tensor1d([1, 2]).mul(3).data()), [3, 6]);
});

test("forcing tensorflow without a native package fails and says why", async () => {
  await assert.rejects(
    selectBackend({ prefer: "tensorflow" }),
    /tensorflow backend was requested but cannot be used: no native TensorFlow package was given/,
  );
});

test("forcing tensorflow with a folder holding no built addon fails and names the folder", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "heldout-native-"));
  const unbuilt = path.join(dir, "node_modules", "@tensorflow", "tfjs-node");
  mkdirSync(unbuilt, { recursive: true });
  writeFileSync(path.join(unbuilt, "package.json"), JSON.stringify({ name: "@tensorflow/tfjs-node" }));
  await assert.rejects(
    selectBackend({ prefer: "tensorflow", tfjsNodePath: dir }),
    (error: Error) => error.message.includes("no built @tensorflow/tfjs-node") && error.message.includes(dir),
  );
});

test("auto picks the native backend when one is built, wasm otherwise", async () => {
  const native = findNativeTfjs();
  const { tf, backend } = await selectBackend({ prefer: "auto", tfjsNodePath: native?.path });
  assert.equal(backend, native ? "tensorflow" : "wasm");
  assert.equal(tf.getBackend(), backend);
});

test("auto without a native package falls back to wasm", async () => {
  const { backend } = await selectBackend({ prefer: "auto" });
  assert.equal(backend, "wasm");
});
