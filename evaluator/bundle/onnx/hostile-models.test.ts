import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { createRng } from "@/lib/core/random";
import { BundleError } from "../errors";
import { scratchDir } from "@/testing/bundles/scratch";
import { checkOnnxModel } from "./check-onnx";
import { convEmbeddingGraph, seededConvBlock } from "./onnx-graphs";
import { writeOnnxModel } from "./onnx-writer";
import { ProtobufWriter } from "./protobuf";

// Hostile bytes are normal input: whatever the file holds, the checker either accepts it or refuses it with a
// BundleError; it never throws anything else, and a deeply nested file is refused, not recursed into without end.

const valid = writeOnnxModel(convEmbeddingGraph({ imageShape: [8, 8, 1], blocks: [seededConvBlock(1, 4, 1)] }));

async function check(bytes: Uint8Array): Promise<"accepted" | BundleError> {
  const scratch = scratchDir();
  try {
    fs.writeFileSync(path.join(scratch.dir, "model.onnx"), bytes);
    await checkOnnxModel({
      dir: scratch.dir,
      modelPath: "model.onnx",
      fileBytes: new Map([["model.onnx", bytes.length]]),
      role: "embedding",
      layout: "nhwc",
    });
    return "accepted";
  } catch (error) {
    assert.ok(error instanceof BundleError, `not a BundleError: ${String(error)}`);
    assert.match(error.message, /^model\.onnx: /);
    return error;
  }
}

test("the valid model is accepted, and 2000 mutations of it are each accepted or refused with a BundleError", async () => {
  assert.equal(await check(valid), "accepted");
  const rng = createRng(20261204);
  const outcomes = { accepted: 0, refused: 0 };
  for (let i = 0; i < 2000; i++) {
    const bytes = Uint8Array.from(valid);
    const flips = 1 + rng.int(8);
    for (let f = 0; f < flips; f++) bytes[rng.int(bytes.length)] = rng.int(256);
    const cut = rng.next() < 0.2 ? bytes.subarray(0, rng.int(bytes.length)) : bytes;
    outcomes[(await check(cut)) === "accepted" ? "accepted" : "refused"]++;
  }
  assert.ok(outcomes.refused > 0 && outcomes.accepted > 0, JSON.stringify(outcomes));
});

test("subgraphs nested past any real model's depth are refused", async () => {
  // If → then_branch (attribute g) → If → …, 100 levels deep.
  let graph = new ProtobufWriter().text(2, "leaf");
  for (let depth = 0; depth < 100; depth++) {
    const attribute = new ProtobufWriter().text(1, "then_branch").message(6, graph).int(20, 5);
    const node = new ProtobufWriter().text(4, "If").message(5, attribute);
    graph = new ProtobufWriter().message(1, node);
  }
  const model = new ProtobufWriter()
    .int(1, 8)
    .message(7, graph)
    .message(8, new ProtobufWriter().text(1, "").int(2, 17))
    .finish();
  const error = await check(model);
  assert.ok(error instanceof BundleError);
  assert.match(error.message, /^model\.onnx: not an ONNX model \(subgraphs nest deeper than 32 levels\)\.$/);
});

test("a varint longer than 10 bytes and a length past the end are refused as not ONNX", async () => {
  for (const bytes of [Uint8Array.of(0x08, ...Array(11).fill(0xff)), Uint8Array.of(0x3a, 0xff, 0xff, 0x03, 0x00)]) {
    const error = await check(bytes);
    assert.ok(error instanceof BundleError);
    assert.equal(error.code, "bundle_model_invalid");
  }
});
