export { composeWorker, type WorkerParts } from "./compose";
export type { RunningWorker } from "./start-worker";
export type { LaunchSandbox } from "./types";
export { reapOnce } from "./reaper";
