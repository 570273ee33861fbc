import assert from "node:assert/strict";
import { test } from "node:test";
import { ProtocolError } from "./errors";
import { encodeFrame, FrameDecoder, type FrameHeader } from "./framing";

const episode = () =>
  encodeFrame(
    { type: "episode", index: 3, ways: 2 },
    {
      supportImages: {
        dtype: "float32",
        shape: [2, 2, 2, 1],
        data: Float32Array.from([0, 0.25, 0.5, 1, -1, 1e-7, 3.5, Number.NaN]),
      },
      supportLabels: { dtype: "int32", shape: [2], data: Int32Array.from([1, 0]) },
      mask: { dtype: "uint8", shape: [3], data: Uint8Array.from([0, 255, 7]) },
    },
  );

/** A frame built by hand, so the decoder can be fed lengths and headers an encoder would never write. */
function rawFrame(
  header: string | object,
  body = Buffer.alloc(0),
  lengths: { frame?: number; header?: number } = {},
): Buffer {
  const json = Buffer.from(typeof header === "string" ? header : JSON.stringify(header));
  const prefix = Buffer.alloc(8);
  prefix.writeUInt32LE(lengths.frame ?? 4 + json.length + body.length, 0);
  prefix.writeUInt32LE(lengths.header ?? json.length, 4);
  return Buffer.concat([prefix, json, body]);
}

test("a frame round-trips its header and typed tensors bit for bit", () => {
  const [frame, ...rest] = new FrameDecoder().push(episode());
  assert.equal(rest.length, 0);
  assert.deepEqual(frame!.header, { type: "episode", index: 3, ways: 2 });
  const images = frame!.tensors.supportImages!;
  assert.equal(images.dtype, "float32");
  assert.deepEqual(images.shape, [2, 2, 2, 1]);
  assert.ok(images.data instanceof Float32Array);
  assert.deepEqual(Array.from(images.data).slice(0, 7), [0, 0.25, 0.5, 1, -1, Math.fround(1e-7), 3.5]);
  assert.ok(Number.isNaN(images.data[7]));
  assert.deepEqual(Array.from(frame!.tensors.supportLabels!.data), [1, 0]);
  assert.ok(frame!.tensors.supportLabels!.data instanceof Int32Array);
  assert.deepEqual(Array.from(frame!.tensors.mask!.data), [0, 255, 7]);
});

test("a frame split into single bytes decodes once its last byte arrives", () => {
  const bytes = episode();
  const decoder = new FrameDecoder();
  for (let i = 0; i < bytes.length - 1; i++) assert.deepEqual(decoder.push(bytes.subarray(i, i + 1)), []);
  const frames = decoder.push(bytes.subarray(bytes.length - 1));
  assert.equal(frames.length, 1);
  assert.equal(decoder.pendingBytes, 0);
});

test("many frames in one chunk, with a partial one at the end, decode in order", () => {
  const headers: FrameHeader[] = Array.from({ length: 50 }, (_, i) => ({ type: "predictions", index: i }));
  const all = Buffer.concat(
    headers.map((h) =>
      encodeFrame(h, { p: { dtype: "float32", shape: [1], data: Float32Array.of(h.index as number) } }),
    ),
  );
  const cut = all.length - 5;
  const decoder = new FrameDecoder();
  const first = decoder.push(all.subarray(0, cut));
  assert.equal(first.length, 49);
  assert.deepEqual(
    first.map((f) => f.header.index),
    headers.slice(0, 49).map((h) => h.index),
  );
  assert.equal(first[48]!.tensors.p!.data[0], 48);
  const last = decoder.push(all.subarray(cut));
  assert.deepEqual(
    last.map((f) => f.header.index),
    [49],
  );
});

test("a frame over the size cap is refused before its body is buffered", () => {
  const decoder = new FrameDecoder({ maxFrameBytes: 1024 });
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32LE(1025, 0);
  assert.throws(() => decoder.push(prefix), {
    name: "ProtocolError",
    message: /1025 bytes exceeds the 1024-byte limit/,
  });
  assert.throws(
    () => encodeFrame({ type: "x" }, { t: { dtype: "uint8", shape: [2000], data: new Uint8Array(2000) } }, 1024),
    ProtocolError,
  );
});

test("garbage on the pipe raises a ProtocolError that says what is wrong", () => {
  const cases: [Buffer, RegExp][] = [
    [rawFrame("{}", undefined, { frame: 2 }), /too small/],
    [rawFrame('{"type":"x"}', undefined, { header: 500 }), /header length 500 exceeds/],
    [rawFrame("not json"), /not valid JSON/],
    [rawFrame("[1,2]"), /must be a JSON object/],
    [rawFrame({ kind: "x" }), /no string `type`/],
    [
      rawFrame({ type: "x", tensors: [{ name: "t", dtype: "float64", shape: [1] }] }, Buffer.alloc(8)),
      /dtype "float64"/,
    ],
    [rawFrame({ type: "x", tensors: [{ name: "t", dtype: "float32", shape: [-1] }] }), /non-negative integers/],
    [
      rawFrame({ type: "x", tensors: [{ name: "t", dtype: "float32", shape: [3] }] }, Buffer.alloc(8)),
      /needs 12 bytes but only 8 remain/,
    ],
    [
      rawFrame({ type: "x", tensors: [{ name: "t", dtype: "int32", shape: [1] }] }, Buffer.alloc(6)),
      /2 bytes after its tensors/,
    ],
    [
      rawFrame(
        {
          type: "x",
          tensors: [
            { name: "t", dtype: "uint8", shape: [1] },
            { name: "t", dtype: "uint8", shape: [1] },
          ],
        },
        Buffer.alloc(2),
      ),
      /appears twice/,
    ],
    [Buffer.from("hello world, this is not a frame at all"), /exceeds the/],
  ];
  for (const [bytes, message] of cases) {
    assert.throws(
      () => new FrameDecoder({ maxFrameBytes: 1 << 20 }).push(bytes),
      { name: "ProtocolError", message },
      String(message),
    );
  }
});

test("a decoder that saw garbage stays failed", () => {
  const decoder = new FrameDecoder();
  assert.throws(() => decoder.push(rawFrame("nope")), ProtocolError);
  assert.throws(() => decoder.push(encodeFrame({ type: "ready" })), /not valid JSON/);
});

test("encoding refuses tensors whose data does not match their dtype or shape", () => {
  assert.throws(
    () => encodeFrame({ type: "x" }, { t: { dtype: "float32", shape: [2, 2], data: new Float32Array(3) } }),
    /holds 4 elements but data has 3/,
  );
  assert.throws(
    () => encodeFrame({ type: "x" }, { t: { dtype: "int32", shape: [1], data: new Float32Array(1) } }),
    /Float32Array, not int32/,
  );
  assert.throws(() => encodeFrame({ type: "x", tensors: [] }), /own `tensors` field/);
});
