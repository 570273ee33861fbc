import { readFileSync } from "node:fs";
import path from "node:path";
import type { FewshotSpec } from "@/lib/benchmark-spec";
import { manifestSchema } from "@/evaluator/protocol/manifest";
import type { BackendName } from "@/evaluator/runtime/backend";
import { launchSandbox } from "@/evaluator/sandbox";
import { runFewshotUnit } from "@/evaluator/tracks/fewshot/driver";

/**
 * One few-shot public unit of a bundle through the real driver and sandbox, as the worker runs it: its rows, every
 * probability returned (in order), episodes/s from the second episode on (init's model load and the first episode's
 * warm-up are startup) and the time from launch to the first episode.
 */
export async function fewshotUnitThroughSandbox(input: {
  spec: FewshotSpec;
  bundleDir: string;
  backend: BackendName;
  tfjsNodePath: string | undefined;
  datasetsDir?: string;
}) {
  const { spec, bundleDir, backend, tfjsNodePath, datasetsDir } = input;
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, "heldout.json"), "utf8")));
  const started = performance.now();
  const session = await launchSandbox({ bundleDir, limits: spec.limits, backend, tfjsNodePath });
  const marks: number[] = [];
  const probabilities: number[] = [];
  try {
    const rows = await runFewshotUnit({
      spec,
      unit: { key: "public", partition: "public" },
      manifest,
      session: {
        request: async (message, tensors, options) => {
          const reply = await session.request(message, tensors, options);
          if (reply.tensors.probabilities) probabilities.push(...(reply.tensors.probabilities.data as Float32Array));
          return reply;
        },
      },
      onProgress: () => marks.push(performance.now()),
      signal: new AbortController().signal,
      datasetsDir,
    });
    return {
      rows,
      probabilities: Float32Array.from(probabilities),
      episodesPerSecond: ((marks.length - 1) * 1000) / (marks.at(-1)! - marks[0]!),
      startupMs: marks[0]! - started,
    };
  } finally {
    await session.close();
  }
}
