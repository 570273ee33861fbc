/**
 * The last `depth` frames of an episode, interleaved as [H, W, depth] (newest last), the layout a policy's
 * input [1, H, W, depth] expects. At an episode start every slot holds the first frame, as in Dopamine.
 */
export class FrameStack {
  private readonly stack: Uint8Array;

  constructor(
    private readonly pixels: number,
    private readonly depth: number,
  ) {
    this.stack = new Uint8Array(pixels * depth);
  }

  reset(frame: Uint8Array): void {
    this.checkFrame(frame);
    for (let p = 0, o = 0; p < this.pixels; p++) {
      for (let d = 0; d < this.depth; d++) this.stack[o++] = frame[p]!;
    }
  }

  /** Drops the oldest frame and appends `frame`. */
  push(frame: Uint8Array): void {
    this.checkFrame(frame);
    // Shifting the whole buffer left by one moves each pixel's frames d+1 → d; the last slot then takes the new frame.
    this.stack.copyWithin(0, 1);
    const last = this.depth - 1;
    for (let p = 0; p < this.pixels; p++) this.stack[p * this.depth + last] = frame[p]!;
  }

  /** A copy of the stack (the receiver may keep it). */
  snapshot(): Uint8Array {
    return this.stack.slice();
  }

  private checkFrame(frame: Uint8Array): void {
    if (frame.length !== this.pixels)
      throw new Error(`a frame of ${frame.length} pixels does not fit a stack of ${this.pixels}-pixel frames`);
  }
}
