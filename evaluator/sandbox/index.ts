export { modelEngine } from "./contents";
export { launchSandbox, type LaunchOptions } from "./launch";
export type { RequestOptions, SandboxExit, SandboxSession } from "./session";
