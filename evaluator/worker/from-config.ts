import type { Config } from "@/lib/config";
import type { StartWorkerOptions } from "./start-worker";

/** The worker settings an operator controls through the environment (see lib/config.ts). */
export function workerSettings(config: Config): Pick<StartWorkerOptions, "concurrency" | "backend" | "staleAfterSeconds" | "maxBundleBytes"> {
  return {
    concurrency: config.worker.concurrency,
    backend: config.backend,
    staleAfterSeconds: config.worker.jobExpireSeconds,
    maxBundleBytes: config.limits.maxBundleBytes,
  };
}
