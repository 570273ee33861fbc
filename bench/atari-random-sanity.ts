/**
 * Sanity check of the whole Atari pipeline (sandbox, bridge, real ALE, protocol, scoring): the shipped random agent
 * (benchmarks/baselines/atari-random) is run as the worker runs a unit — the Atari 100K settings, a short learning
 * budget (a random agent learns nothing, so the budget does not change its play) — and its mean evaluation return per
 * game is printed next to Dopamine's random score, with a 95% interval (1.96·s/√n) and the gap in units of the
 * standard error. Slow: minutes per game. Usage: npx tsx bench/atari-random-sanity.ts [--games Pong,Breakout,Boxing]
 * [--episodes 20] [--learning-steps 1000] [--seed 1]
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { runAtariUnit } from "@/evaluator/tracks/atari/driver";
import { ATARI_GAMES, humanNormalizedScore, type AtariGame } from "@/evaluator/tracks/atari/definition/games";
import { rlManifestSchema } from "@/evaluator/tracks/atari/definition/manifest";
import { LEARNING_ROW_OFFSET } from "@/evaluator/tracks/atari/definition/scoring";
import { atariSpecSchema } from "@/evaluator/tracks/atari/definition/spec";
import { launchRlSandbox } from "@/testing/tracks/atari";

const dir = path.join(import.meta.dirname, "..", "benchmarks", "baselines", "atari-random");

async function main() {
  const { values } = parseArgs({
    options: {
      games: { type: "string", default: "Pong,Breakout,Boxing" },
      episodes: { type: "string", default: "20" },
      "learning-steps": { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
    },
  });
  const games = values.games.split(",") as AtariGame[];
  const seed = Number(values.seed);
  const spec = atariSpecSchema.parse({
    track: "atari",
    games,
    partitions: { public: { seeds: [seed] }, private: { seeds: [] } },
    learningSteps: Number(values["learning-steps"]),
    evalEpisodes: Number(values.episodes),
    kinds: ["agent"],
    limits: { wallSeconds: 3600, memoryMb: 1024, callSeconds: 60 },
  });
  const bundle = {
    dir,
    manifest: rlManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, "heldout.json"), "utf8"))),
    remove: async () => {},
  };

  console.log(
    `Random agent, Atari 100K settings, ${spec.learningSteps} learning steps then ${spec.evalEpisodes} evaluation games per game, seed ${seed}`,
  );
  console.log(
    `${"game".padEnd(10)}${"mean return [95% CI]".padStart(28)}${"Dopamine random".padStart(17)}${"gap / s.e.".padStart(12)}${"HNS".padStart(8)}${"steps/game".padStart(12)}${"s".padStart(6)}`,
  );
  for (const game of games) {
    const started = performance.now();
    const session = await launchRlSandbox(bundle, spec.limits);
    try {
      const rows = await runAtariUnit({
        spec,
        unit: { key: `${game}/${seed}`, partition: "public" },
        manifest: bundle.manifest,
        session,
        onProgress: () => {},
        signal: new AbortController().signal,
      });
      const evaluation = rows.filter((r) => r.index < LEARNING_ROW_OFFSET);
      const returns = evaluation.map((r) => r.metrics.return!);
      const n = returns.length;
      const mean = returns.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(returns.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1));
      const se = sd / Math.sqrt(n);
      const reference = ATARI_GAMES[game].random;
      const steps = evaluation.reduce((a, r) => a + r.metrics.steps!, 0) / n;
      const ci = `${mean.toFixed(1)} [${(mean - 1.96 * se).toFixed(1)}, ${(mean + 1.96 * se).toFixed(1)}]`;
      console.log(
        `${game.padEnd(10)}${ci.padStart(28)}${reference.toFixed(1).padStart(17)}${(se > 0 ? ((mean - reference) / se).toFixed(2) : "—").padStart(12)}` +
          `${humanNormalizedScore(game, mean).toFixed(3).padStart(8)}${steps.toFixed(0).padStart(12)}${((performance.now() - started) / 1000).toFixed(0).padStart(6)}`,
      );
    } finally {
      await session.close();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
