export { checkBundle, openBundle, type CheckedBundle } from "./check";
export { BundleError } from "./errors";
export { DEFAULT_BUNDLE_LIMITS, type BundleLimits } from "./limits";
export { packBundle } from "./pack";
export { modelInputShape } from "./tfjs-model";
export type { BundleFile } from "./bundle-writer";
