/** Helpers for tests that run RL bundles written on the fly in a real sandbox. */
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SandboxLimits } from "../../../lib/benchmark-spec";
import { MANIFEST_FILE } from "../../../lib/manifest";
import type { FrameHeader, WireTensors } from "../../protocol/framing";
import { launchSandbox } from "../../sandbox";
import type { SandboxSession } from "../../sandbox";
import type { TrackSession } from "../types";
import { rlManifestSchema, type RlManifest } from "./manifest";

export const RL_TEST_LIMITS: SandboxLimits = { wallSeconds: 300, memoryMb: 1024, callSeconds: 30 };

export type RlTestBundle = { dir: string; manifest: RlManifest; remove(): Promise<void> };

/** An RL bundle in a temporary directory readable by the sandbox uid (mkdtemp's 0700 would shut it out). */
export async function rlBundle(manifest: unknown, files: Record<string, string | Uint8Array>): Promise<RlTestBundle> {
  const parsed = rlManifestSchema.parse(manifest);
  const root = await mkdtemp(path.join(os.tmpdir(), "heldout-rl-test-"));
  await chmod(root, 0o755);
  const dir = path.join(root, "bundle");
  await mkdir(dir, { mode: 0o755 });
  await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(parsed), { mode: 0o644 });
  for (const [name, contents] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true, mode: 0o755 });
    await writeFile(path.join(dir, name), contents, { mode: 0o644 });
  }
  return { dir, manifest: parsed, remove: () => rm(root, { recursive: true, force: true }) };
}

/** An `agent` bundle whose entry module is `source`. */
export function agentBundle(source: string, options: Record<string, unknown> = {}): Promise<RlTestBundle> {
  return rlBundle({ name: "test-agent", track: "atari", kind: "agent", entry: "agent.mjs", options }, { "agent.mjs": source });
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
