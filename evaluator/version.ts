/**
 * Version of the scoring engine, recorded on every evaluation attempt. Bump it when a change could change a score
 * (driver, metrics, runtime, backend selection), so results stay tied to the code that produced them.
 */
export const EVALUATOR_VERSION = "1.0.0";
