import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { BlockingFrameChannel } from "./blocking-channel";
import { encodeFrame, FrameDecoder } from "./framing";

const dir = mkdtempSync(path.join(os.tmpdir(), "heldout-blocking-channel-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let fifos = 0;
/** A named pipe opened read-write: a blocking descriptor on each side, as the runtime inherits them. */
function pipe(flags = constants.O_RDWR): { fd: number; path: string } {
  const file = path.join(dir, `pipe-${fifos++}`);
  execFileSync("mkfifo", [file]);
  return { fd: openSync(file, flags), path: file };
}

test("frames written in pieces are received whole and in order; replies go out as frames", async () => {
  const input = pipe();
  const output = pipe();
  const channel = new BlockingFrameChannel({ inFd: input.fd, outFd: output.fd });
  const frames = Buffer.concat([
    encodeFrame(
      { type: "act", episodeStart: true },
      { frame: { dtype: "uint8", shape: [2, 3], data: Uint8Array.of(1, 2, 3, 4, 5, 6) } },
    ),
    encodeFrame({ type: "evaluate" }),
  ]);
  writeSync(input.fd, frames.subarray(0, 7));
  writeSync(input.fd, frames.subarray(7));
  const first = await channel.receive();
  assert.deepEqual(first?.header, { type: "act", episodeStart: true });
  assert.deepEqual([...first!.tensors.frame!.data], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual((await channel.receive())?.header, { type: "evaluate" });

  await channel.send({ type: "action", action: 3 });
  const reply = Buffer.alloc(256);
  const bytes = readSync(output.fd, reply);
  assert.deepEqual(new FrameDecoder().push(reply.subarray(0, bytes))[0]?.header, { type: "action", action: 3 });
  closeSync(input.fd);
  closeSync(output.fd);
});

test("the end of the input yields undefined; an end in the middle of a frame is a ProtocolError, every time after", async () => {
  const clean = pipe();
  const writer = openSync(clean.path, "w");
  const channel = new BlockingFrameChannel({ inFd: openSync(clean.path, "r"), outFd: writer });
  writeSync(writer, encodeFrame({ type: "last" }));
  closeSync(writer);
  closeSync(clean.fd);
  assert.equal((await channel.receive())?.header.type, "last");
  assert.equal(await channel.receive(), undefined);

  const cut = pipe();
  const cutWriter = openSync(cut.path, "w");
  const cutChannel = new BlockingFrameChannel({ inFd: openSync(cut.path, "r"), outFd: cutWriter });
  writeSync(cutWriter, encodeFrame({ type: "partial" }).subarray(0, 10));
  closeSync(cutWriter);
  closeSync(cut.fd);
  await assert.rejects(cutChannel.receive(), {
    name: "ProtocolError",
    message: /ended in the middle of a frame \(10 bytes left over\)/,
  });
  await assert.rejects(cutChannel.receive(), { name: "ProtocolError", message: /ended in the middle of a frame/ });
});

test("garbage is a ProtocolError for this and every later receive", async () => {
  const input = pipe();
  const channel = new BlockingFrameChannel({ inFd: input.fd, outFd: input.fd });
  writeSync(input.fd, Buffer.from([8, 0, 0, 0, 4, 0, 0, 0, 0x7b, 0x7b, 0x7b, 0x7b]));
  await assert.rejects(channel.receive(), { name: "ProtocolError", message: /not valid JSON/ });
  await assert.rejects(channel.receive(), { name: "ProtocolError", message: /not valid JSON/ });
  closeSync(input.fd);
});

test("a non-blocking descriptor is refused with a message that says so", async () => {
  const input = pipe(constants.O_RDWR | constants.O_NONBLOCK);
  const channel = new BlockingFrameChannel({ inFd: input.fd, outFd: input.fd });
  await assert.rejects(
    channel.receive(),
    /protocol fd \d+ is non-blocking; the runtime reads a blocking pipe or socket/,
  );
  closeSync(input.fd);
});
