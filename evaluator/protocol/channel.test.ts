import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { test } from "node:test";
import { FrameChannel } from "./channel";
import { encodeFrame } from "./framing";

function pair() {
  const toPeer = new PassThrough();
  const fromPeer = new PassThrough();
  return { channel: new FrameChannel({ input: fromPeer, output: toPeer }), toPeer, fromPeer };
}

test("frames sent are received in order, with a receive waiting before the frame arrives", async () => {
  const { channel, toPeer, fromPeer } = pair();
  toPeer.pipe(fromPeer);
  const waiting = channel.receive();
  await channel.send({ type: "a" });
  await channel.send({ type: "b" }, { t: { dtype: "int32", shape: [2], data: Int32Array.of(7, 8) } });
  assert.deepEqual((await waiting)?.header, { type: "a" });
  const second = await channel.receive();
  assert.deepEqual(Array.from(second!.tensors.t!.data), [7, 8]);
});

test("the end of the input yields undefined, and one cut in the middle of a frame is a ProtocolError", async () => {
  const clean = pair();
  clean.fromPeer.end(encodeFrame({ type: "last" }));
  assert.equal((await clean.channel.receive())?.header.type, "last");
  assert.equal(await clean.channel.receive(), undefined);

  const cut = pair();
  cut.fromPeer.end(encodeFrame({ type: "partial" }).subarray(0, 10));
  await assert.rejects(cut.channel.receive(), {
    name: "ProtocolError",
    message: /ended in the middle of a frame \(10 bytes left over\)/,
  });
});

test("garbage fails every pending and later receive with the same ProtocolError", async () => {
  const { channel, fromPeer } = pair();
  const pending = channel.receive();
  fromPeer.write(Buffer.from([8, 0, 0, 0, 4, 0, 0, 0, 0x7b, 0x7b, 0x7b, 0x7b]));
  await assert.rejects(pending, { name: "ProtocolError", message: /not valid JSON/ });
  await assert.rejects(channel.receive(), { name: "ProtocolError", message: /not valid JSON/ });
});
