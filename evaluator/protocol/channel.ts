import type { Readable, Writable } from "node:stream";
import { ProtocolError } from "./errors";
import {
  DEFAULT_MAX_FRAME_BYTES,
  encodeFrame,
  FrameDecoder,
  type Frame,
  type FrameHeader,
  type WireTensors,
} from "./framing";

/** Either side of the protocol: frames out, frames in (`undefined` once the peer is gone). */
export interface FrameTransport {
  send(header: FrameHeader, tensors?: WireTensors): Promise<void>;
  receive(): Promise<Frame | undefined>;
}

export type ChannelOptions = { input: Readable; output: Writable; maxFrameBytes?: number };

/**
 * Frames over a pair of Node streams: the trusted side of every pipe (sandbox, environment shim), where the event
 * loop must stay free while a reply is awaited.
 * `receive()` yields frames in arrival order, `undefined` once the input ends, and rejects with the
 * ProtocolError that broke the stream. `send()` resolves once the frame is handed to the OS.
 */
export class FrameChannel implements FrameTransport {
  private readonly output: Writable;
  private readonly maxFrameBytes: number;
  private readonly decoder: FrameDecoder;
  private readonly queue: Frame[] = [];
  private waiters: { resolve: (frame: Frame | undefined) => void; reject: (error: Error) => void }[] = [];
  private ended = false;
  private failure: Error | undefined;

  constructor(options: ChannelOptions) {
    this.output = options.output;
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.decoder = new FrameDecoder({ maxFrameBytes: this.maxFrameBytes });
    options.input.on("data", (chunk: Buffer) => this.onData(chunk));
    options.input.on("end", () => this.onEnd());
    options.input.on("close", () => this.onEnd());
    options.input.on("error", (error: Error) => this.fail(error));
    // A closed peer surfaces as EPIPE on the next write; the write's promise carries it.
    options.output.on("error", () => {});
  }

  /** Frames received but not yet taken by `receive()`. */
  get queued(): number {
    return this.queue.length;
  }

  send(header: FrameHeader, tensors?: WireTensors): Promise<void> {
    const frame = encodeFrame(header, tensors, this.maxFrameBytes);
    return new Promise((resolve, reject) => {
      if (this.output.destroyed || this.output.writableEnded) {
        reject(new Error("the protocol pipe is closed"));
        return;
      }
      this.output.write(frame, (error) => (error ? reject(error) : resolve()));
    });
  }

  receive(): Promise<Frame | undefined> {
    const next = this.queue.shift();
    if (next) return Promise.resolve(next);
    if (this.failure) return Promise.reject(this.failure);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private onData(chunk: Buffer): void {
    if (this.failure) return;
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    for (const frame of frames) {
      const waiter = this.waiters.shift();
      if (waiter) waiter.resolve(frame);
      else this.queue.push(frame);
    }
  }

  private onEnd(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.failure && this.decoder.pendingBytes > 0) {
      this.fail(
        new ProtocolError(`the stream ended in the middle of a frame (${this.decoder.pendingBytes} bytes left over)`),
      );
      return;
    }
    for (const waiter of this.waiters.splice(0)) waiter.resolve(undefined);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
