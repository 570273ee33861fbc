/**
 * Version of the in-sandbox runtime, recorded with every evaluation. Bump it whenever a change could alter
 * what a bundle computes (prototype arithmetic, input preparation, batching), so results stay comparable.
 */
export const RUNTIME_VERSION = "1.1.0";
