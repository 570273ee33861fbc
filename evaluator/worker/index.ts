export { startWorker, type RunningWorker, type StartWorkerOptions } from "./start-worker";
export type { LaunchSandbox } from "./types";
export { workerSettings } from "./from-config";
export { reapOnce } from "./reaper";
