import { randomBytes } from "node:crypto";

/**
 * Replaces `Math.random` with a generator the runtime can restart (sfc32, 53-bit doubles). Under isolation: task the
 * driver seeds it per episode, so a learner's own randomness, and TF.js's (its unseeded random ops, initializers and
 * shuffles draw their seeds from Math.random), is the same whenever that episode is answered, in whichever sandbox.
 * Until a seed arrives it starts from the system's randomness, as Math.random does.
 */
export function installSeedableRandom(): { reseed(seed: number): void } {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const reseed = (seed: number) => {
    [a, b, c, d] = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
    for (let i = 0; i < 15; i++) next();
  };
  reseed(randomBytes(4).readUInt32LE(0));
  // 21 bits of one draw and 32 of the next: every double in [0, 1) that is a multiple of 2^-53.
  Math.random = () => ((next() >>> 11) * 2 ** 32 + next()) / 2 ** 53;
  return { reseed };
}
