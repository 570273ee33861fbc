import { decodeUntrusted, storableText } from "../../lib/core/untrusted-text";

/**
 * Captures a process's stdout and stderr without bound on what it writes but with a bound on what it keeps:
 * the first half of the budget and the most recent half, with a marker saying how much was dropped between.
 * What comes out is safe to store: invalid UTF-8 replaced, NUL marked (lib/text/untrusted).
 */
export class CappedLog {
  private readonly half: number;
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  private total = 0;

  constructor(capBytes: number) {
    this.half = Math.max(1, Math.floor(capBytes / 2));
  }

  /** Bytes written so far, kept or not. */
  get totalBytes(): number {
    return this.total;
  }

  append(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.headBytes < this.half) {
      const taken = chunk.subarray(0, this.half - this.headBytes);
      this.head.push(Buffer.from(taken));
      this.headBytes += taken.length;
      chunk = chunk.subarray(taken.length);
    }
    if (chunk.length === 0) return;
    this.tail.push(Buffer.from(chunk.subarray(Math.max(0, chunk.length - this.half))));
    this.tailBytes += Math.min(chunk.length, this.half);
    // Trim only when the tail holds twice its budget, so a flood costs amortised O(1) per byte.
    if (this.tailBytes > 2 * this.half) {
      const joined = Buffer.concat(this.tail);
      this.tail = [joined.subarray(joined.length - this.half)];
      this.tailBytes = this.half;
    }
  }

  text(): string {
    const head = decodeUntrusted(Buffer.concat(this.head));
    if (this.tailBytes === 0) return storableText(head, Infinity);
    const joined = Buffer.concat(this.tail);
    const tail = joined.subarray(Math.max(0, joined.length - this.half));
    const dropped = this.total - this.headBytes - tail.length;
    const marker = dropped > 0 ? `\n[… ${dropped} bytes of output omitted …]\n` : "";
    return storableText(head + marker + decodeUntrusted(tail), Infinity);
  }
}
