/**
 * Does the DrQ(ε) baseline learn? The shipped agent (benchmarks/baselines/atari-drq) learns the native Catch game
 * (evaluator/envs/native/catch.ts, 84×84 frames like the ALE's) through the real sandbox and driver for a small budget,
 * then plays evaluation games; the shipped random agent plays evaluation games from the same seed in the same run as the
 * reference. Catch gives +1 per ball caught and −1 per ball missed; a game ends after 3 misses or at the step cap.
 * Exploration and replay warm-up are shortened for the small budget (options below); everything else is the
 * Atari 100K configuration. Usage: npx tsx bench/atari-drq-catch.ts [--backend auto|tensorflow|wasm]
 * [--steps 3000] [--episodes 10] [--seed 1]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkedEnv } from "@/evaluator/envs/checked-env";
import { createCatch } from "@/evaluator/envs/native/catch";
import { findNativeTfjs } from "@/evaluator/runtime/backend/native";
import { launchSandbox } from "@/evaluator/sandbox";
import { agentManifestSchema, type AgentManifest } from "@/evaluator/tracks/atari/definition/manifest";
import { play, type PlayResult } from "@/evaluator/tracks/atari/play";

const baselines = path.join(import.meta.dirname, "..", "benchmarks", "baselines");
const SMALL_BUDGET_OPTIONS = { minReplay: 500, epsilonDecaySteps: 1000, logEvery: 500 };
const EPISODE_CAP = 1000;

async function run(
  bundleDir: string,
  options: {
    backend: "auto" | "tensorflow" | "wasm";
    steps: number;
    episodes: number;
    seed: number;
    manifestOptions?: Record<string, unknown>;
  },
): Promise<{ result: PlayResult; backend: string; seconds: number; log: string }> {
  const shipped = agentManifestSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, "heldout.json"), "utf8")));
  const manifest: AgentManifest = { ...shipped, options: { ...shipped.options, ...options.manifestOptions } };
  const session = await launchSandbox({
    bundleDir,
    limits: { wallSeconds: 6 * 3600, memoryMb: 2048, callSeconds: 60 },
    backend: options.backend,
    tfjsNodePath: options.backend === "wasm" ? undefined : findNativeTfjs()?.path,
  });
  const started = performance.now();
  try {
    const task = {
      track: "atari",
      game: "Catch",
      actions: 3,
      actionMeanings: ["NOOP", "LEFT", "RIGHT"],
      observationShape: [84, 84, 4],
      learningSteps: options.steps,
      seed: options.seed,
    };
    await session.request({ type: "init", manifest, task }, {}, { timeoutMs: 60_000 });
    const result = await play({
      env: checkedEnv(createCatch({ lives: 3 }), "Catch"),
      session,
      learningSteps: options.steps,
      evalEpisodes: options.episodes,
      maxEpisodeSteps: EPISODE_CAP,
      seed: options.seed,
      evalEpsilon: 0,
      timeoutMs: 60_000,
      signal: new AbortController().signal,
      onReport: (report) => {
        if (report.phase === "learning" && report.steps % 500 === 0) {
          const recent = report.episodes.slice(-5).map((e) => e.return);
          console.error(
            `  step ${report.steps}: last learning returns ${recent.join(", ")} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
          );
        }
      },
    });
    return {
      result,
      backend: session.hello.backend,
      seconds: (performance.now() - started) / 1000,
      log: session.log(),
    };
  } finally {
    await session.close();
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

async function main() {
  const { values } = parseArgs({
    options: {
      backend: { type: "string", default: "auto" },
      steps: { type: "string", default: "3000" },
      episodes: { type: "string", default: "10" },
      seed: { type: "string", default: "1" },
    },
  });
  const backend = values.backend as "auto" | "tensorflow" | "wasm";
  const settings = {
    backend,
    steps: Number(values.steps),
    episodes: Number(values.episodes),
    seed: Number(values.seed),
  };
  const drq = await run(path.join(baselines, "atari-drq"), { ...settings, manifestOptions: SMALL_BUDGET_OPTIONS });
  const random = await run(path.join(baselines, "atari-random"), { ...settings, steps: 0 });
  for (const line of drq.log.split("\n").filter((l) => /^step \d+: ε/.test(l))) console.error(`  ${line}`);
  const drqReturns = drq.result.evaluation.map((e) => e.return);
  const randomReturns = random.result.evaluation.map((e) => e.return);
  console.log(
    `Catch (3 lives, games capped at ${EPISODE_CAP} steps), ${settings.episodes} evaluation games each, seed ${settings.seed}`,
  );
  console.log(
    `DrQ(ε) after ${settings.steps} learning steps on ${drq.backend} (${drq.seconds.toFixed(0)} s, options ${JSON.stringify(SMALL_BUDGET_OPTIONS)}):`,
  );
  console.log(`  evaluation returns ${drqReturns.join(", ")}; mean ${mean(drqReturns).toFixed(2)}`);
  console.log(
    `random agent (reference, evaluation games from the same seed): returns ${randomReturns.join(", ")}; mean ${mean(randomReturns).toFixed(2)}`,
  );
  console.log(`improvement over random: ${(mean(drqReturns) - mean(randomReturns)).toFixed(2)} return per game`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
