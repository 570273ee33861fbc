/** The Atari benchmark spec; the schema lives in lib/benchmark-spec.ts with every other track's. */
export { atariSpecSchema, type AtariSpec } from "../../../../lib/benchmark-spec";
