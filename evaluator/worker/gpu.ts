import { spawnSync } from "node:child_process";

/** Name of this host's first NVIDIA GPU ("NVIDIA H100 80GB HBM3"), or null when there is none or no driver. */
export function detectGpu(): string | null {
  const result = spawnSync("nvidia-smi", ["--query-gpu=name", "--format=csv,noheader"], {
    encoding: "utf8",
    timeout: 5000,
  });
  if (result.status !== 0 || typeof result.stdout !== "string") return null;
  return result.stdout.split("\n")[0]?.trim() || null;
}
