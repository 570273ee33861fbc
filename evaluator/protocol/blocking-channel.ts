import { readSync, writeSync } from "node:fs";
import type { FrameTransport } from "./channel";
import { ProtocolError } from "./errors";
import {
  DEFAULT_MAX_FRAME_BYTES,
  encodeFrame,
  FrameDecoder,
  type Frame,
  type FrameHeader,
  type WireTensors,
} from "./framing";

export type BlockingChannelOptions = { inFd: number; outFd: number; maxFrameBytes?: number };

const READ_BYTES = 256 * 1024;

/**
 * Frames over two blocking file descriptors, read and written with plain system calls: the sandboxed runtime's
 * side. The runtime only ever waits for the driver's next request, so blocking in read(2) there costs nothing and
 * saves the event loop's wake-up, stream and promise machinery on every message, twice per RL step
 * (bench/atari-bridge.ts measures it). Submitted code still runs on the event loop: the next request is read only
 * once the previous reply, and everything that code awaited, is done.
 */
export class BlockingFrameChannel implements FrameTransport {
  private readonly decoder: FrameDecoder;
  private readonly buffer = Buffer.allocUnsafe(READ_BYTES);
  private readonly queue: Frame[] = [];
  private ended = false;
  private failure: Error | undefined;

  constructor(private readonly options: BlockingChannelOptions) {
    this.decoder = new FrameDecoder({ maxFrameBytes: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES });
  }

  send(header: FrameHeader, tensors?: WireTensors): Promise<void> {
    try {
      const frame = encodeFrame(header, tensors, this.options.maxFrameBytes);
      for (let written = 0; written < frame.length;) written += writeSync(this.options.outFd, frame, written);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  receive(): Promise<Frame | undefined> {
    try {
      return Promise.resolve(this.next());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private next(): Frame | undefined {
    while (this.queue.length === 0) {
      if (this.failure) throw this.failure;
      if (this.ended) return undefined;
      const bytes = this.read();
      try {
        if (bytes === 0) {
          this.ended = true;
          if (this.decoder.pendingBytes > 0)
            throw new ProtocolError(
              `the stream ended in the middle of a frame (${this.decoder.pendingBytes} bytes left over)`,
            );
        } else {
          // The decoder keeps a partial frame by reference and the read buffer is reused: hand it a copy.
          this.queue.push(...this.decoder.push(Buffer.from(this.buffer.subarray(0, bytes))));
        }
      } catch (error) {
        this.failure = error as Error;
      }
    }
    return this.queue.shift();
  }

  private read(): number {
    for (;;) {
      try {
        return readSync(this.options.inFd, this.buffer, 0, READ_BYTES, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EINTR") continue;
        if (code === "EAGAIN")
          throw new Error(
            `protocol fd ${this.options.inFd} is non-blocking; the runtime reads a blocking pipe or socket`,
          );
        throw error;
      }
    }
  }
}
