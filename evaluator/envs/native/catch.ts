import { createRng, type Rng } from "../../../lib/core/random";
import type { Action, Env, ResetResult, StepResult } from "../types";

/**
 * Catch: a tiny native game on an 84×84 grayscale screen, shaped like a preprocessed Atari frame, for fast tests of
 * the agent loop. A ball falls from a random column; the paddle at the bottom moves (0 stay, 1 left, 2 right).
 * Catching gives +1, missing gives −1 and costs a life; the game ends when the lives are gone.
 * `info.lives` counts down like the ALE's. Deterministic for a seed.
 */
export type CatchOptions = { lives?: number };

export const CATCH_SIZE = 84;
const PADDLE_WIDTH = 12;
const PADDLE_SPEED = 4;
const BALL_SIZE = 4;
const BALL_SPEED = 4;
const PADDLE_ROW = CATCH_SIZE - 4;

export function createCatch(options: CatchOptions = {}): Env {
  const startLives = options.lives ?? 3;
  let rng: Rng = createRng(0);
  let lives = startLives;
  let paddle = 0;
  let ball = { x: 0, y: 0 };

  const dropBall = () => {
    ball = { x: rng.int(CATCH_SIZE - BALL_SIZE), y: 0 };
  };
  const render = () => {
    const screen = new Uint8Array(CATCH_SIZE * CATCH_SIZE);
    for (let y = ball.y; y < Math.min(ball.y + BALL_SIZE, CATCH_SIZE); y++)
      screen.fill(255, y * CATCH_SIZE + ball.x, y * CATCH_SIZE + ball.x + BALL_SIZE);
    for (let y = PADDLE_ROW; y < CATCH_SIZE; y++)
      screen.fill(128, y * CATCH_SIZE + paddle, y * CATCH_SIZE + paddle + PADDLE_WIDTH);
    return screen;
  };

  return {
    observationSpace: { shape: [CATCH_SIZE, CATCH_SIZE], dtype: "uint8" },
    actionSpace: { kind: "discrete", n: 3 },
    actionMeanings: ["NOOP", "LEFT", "RIGHT"],
    async reset(resetOptions = {}): Promise<ResetResult> {
      if (resetOptions.seed !== undefined) rng = createRng(resetOptions.seed);
      lives = startLives;
      paddle = (CATCH_SIZE - PADDLE_WIDTH) / 2;
      dropBall();
      return { observation: render(), info: { lives } };
    },
    async step(action: Action): Promise<StepResult> {
      const move = action === 1 ? -PADDLE_SPEED : action === 2 ? PADDLE_SPEED : 0;
      paddle = Math.min(Math.max(paddle + move, 0), CATCH_SIZE - PADDLE_WIDTH);
      ball.y += BALL_SPEED;
      let reward = 0;
      if (ball.y + BALL_SIZE > PADDLE_ROW) {
        const caught = ball.x + BALL_SIZE > paddle && ball.x < paddle + PADDLE_WIDTH;
        reward = caught ? 1 : -1;
        if (!caught) lives--;
        dropBall();
      }
      return { observation: render(), reward, terminated: lives === 0, truncated: false, info: { lives } };
    },
    async close() {},
  };
}
