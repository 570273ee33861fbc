// Replay memory that stores each frame once (uint8), not each 4-frame observation: a stacked observation is rebuilt
// from the frames before it, so 100,000 steps of 84×84 frames take 0.7 GB instead of 2.8 GB (twice that with next
// observations). Positions are numbered from 0 for ever and live at position % capacity; the oldest are overwritten.
export function createReplay({ capacity, height, width, stack }) {
  const frameSize = height * width;
  const frames = new Uint8Array(capacity * frameSize);
  const actions = new Int32Array(capacity);
  const rewards = new Float32Array(capacity);
  /** The transition out of this position stops bootstrapping (game over or, for learning only, a lost life). */
  const terminal = new Uint8Array(capacity);
  /** An action was taken at this position and its outcome (the next position) recorded. */
  const hasNext = new Uint8Array(capacity);
  /** The first frame of an episode: the stack holds only copies of it. */
  const starts = new Uint8Array(capacity);
  let count = 0;

  return {
    /** Positions written so far (transitions recorded ≈ count − episodes). */
    get count() {
      return count;
    },
    /** A new position holding the newest frame (the last of the `stack` interleaved frames) of `observation`. */
    addFrame(observation, episodeStart) {
      const at = count % capacity;
      const base = at * frameSize;
      for (let i = 0, j = stack - 1; i < frameSize; i++, j += stack) frames[base + i] = observation[j];
      starts[at] = episodeStart ? 1 : 0;
      hasNext[at] = 0;
      terminal[at] = 0;
      count++;
    },
    /** What the action taken at the newest position led to; the next frame is added right after. */
    recordOutcome(action, reward, stopsBootstrap) {
      const at = (count - 1) % capacity;
      actions[at] = action;
      rewards[at] = reward;
      terminal[at] = stopsBootstrap ? 1 : 0;
      hasNext[at] = 1;
    },
    /**
     * A uniformly drawn recorded transition with its n-step return: rewards are summed (discounted) until `n` steps,
     * a terminal transition (then `discount` is 0: no bootstrap) or the end of what is recorded of the episode (a
     * cut-off episode bootstraps from its last frame). Target = reward + discount · max_a Q(next, a).
     */
    sample(random, n, gamma) {
      const lowest = Math.max(0, count - capacity + stack - 1); // older positions lack the frames of their stack
      for (;;) {
        const state = lowest + random.int(count - lowest);
        if (!hasNext[state % capacity]) continue;
        let reward = 0;
        let discount = 1;
        let next = state;
        for (let k = 0; k < n; k++) {
          const at = next % capacity;
          reward += discount * rewards[at];
          discount *= gamma;
          next++;
          if (terminal[at]) {
            discount = 0;
            break;
          }
          if (!hasNext[next % capacity]) break;
        }
        return { state, action: actions[state % capacity], reward, discount, next };
      }
    },
    /**
     * Writes the stacked observation at `position` into `out` from `offset` as float32 in [0, 1], shifted by (dy, dx)
     * with the border replicated (the random shift of DrQ: pad `pad` pixels by edge, crop back) and scaled by `scale`.
     */
    writeObservation(position, out, offset, { dy, dx, pad, scale }) {
      const sources = new Array(stack);
      let p = position;
      for (let f = stack - 1; f >= 0; f--) {
        sources[f] = (p % capacity) * frameSize;
        if (f > 0 && !starts[p % capacity]) p--;
      }
      const k = scale / 255;
      let o = offset;
      for (let y = 0; y < height; y++) {
        const sy = Math.min(height - 1, Math.max(0, y + dy - pad)) * width;
        for (let x = 0; x < width; x++) {
          const sx = sy + Math.min(width - 1, Math.max(0, x + dx - pad));
          for (let f = 0; f < stack; f++) out[o++] = frames[sources[f] + sx] * k;
        }
      }
    },
  };
}
