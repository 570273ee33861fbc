/** Helpers for tests that run RL bundles written on the fly in a real sandbox. */
import type { SandboxLimits } from "@/lib/benchmark-spec";
import type { FrameHeader, WireTensors } from "@/evaluator/protocol/framing";
import { launchSandbox } from "@/evaluator/sandbox";
import { writeBundle } from "@/testing/sandbox/harness";
import type { SandboxSession } from "@/evaluator/sandbox";
import type { TrackSession } from "@/evaluator/tracks/runner-types";
import { rlManifestSchema, type RlManifest } from "@/evaluator/tracks/atari/definition/manifest";

export const RL_TEST_LIMITS: SandboxLimits = { wallSeconds: 300, memoryMb: 1024, callSeconds: 30 };

export type RlTestBundle = { dir: string; manifest: RlManifest; remove(): Promise<void> };

/** An RL bundle in a temporary directory readable by the sandbox uid, its manifest typed for the RL tracks. */
export async function rlBundle(manifest: unknown, files: Record<string, string | Uint8Array>): Promise<RlTestBundle> {
  const parsed = rlManifestSchema.parse(manifest);
  return { ...(await writeBundle(parsed, files)), manifest: parsed };
}

/** An `agent` bundle whose entry module is `source`. */
export function agentBundle(source: string, options: Record<string, unknown> = {}): Promise<RlTestBundle> {
  return rlBundle(
    { name: "test-agent", track: "atari", kind: "agent", entry: "agent.mjs", options },
    { "agent.mjs": source },
  );
}

/** A uniformly random agent (seeded by the task), the reference for sanity checks and benchmarks. */
export const RANDOM_AGENT = `
export default ({ task }) => {
  let state = (task.seed * 2654435761 + 1) >>> 0;
  const next = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 4294967296; };
  return { act: () => Math.floor(next() * task.actions), observe() {} };
};`;

export function launchRlSandbox(bundle: RlTestBundle, limits: SandboxLimits = RL_TEST_LIMITS): Promise<SandboxSession> {
  return launchSandbox({ bundleDir: bundle.dir, limits, backend: "cpu" });
}

/** A session that forwards to a real sandbox and keeps every message the driver sent (headers only). */
export function recordingSession(session: SandboxSession): TrackSession & { sent: FrameHeader[] } {
  const sent: FrameHeader[] = [];
  return {
    sent,
    request(message: FrameHeader, tensors?: WireTensors, options?: { timeoutMs?: number }) {
      sent.push(message);
      return session.request(message, tensors, options);
    },
  };
}
