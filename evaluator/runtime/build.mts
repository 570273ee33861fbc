/** `npm run build:runtime`: rebuilds evaluator/runtime/dist/runtime.mjs. */
import { buildRuntime } from "./build";

const file = await buildRuntime();
console.log(`built ${file}`);
