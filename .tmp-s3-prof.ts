import { performance } from "node:perf_hooks";
import { openMetaWorldEnv } from "@/evaluator/tracks/metaworld/env";
const python = process.argv[2] === "prof" ? "/tmp/s3/pyprof.sh" : undefined;
const steps = Number(process.argv[3] ?? 3000);
const env = await openMetaWorldEnv({ benchmark: "ML10", split: "test", task: "drawer-open-v3", seed: 0, python });
await env.reset({ seed: 0, options: { goal: 0 } });
let start = performance.now();
let cpu0 = process.cpuUsage();
for (let i = 0; i < steps + 300; i++) {
  if (i === 300) { start = performance.now(); cpu0 = process.cpuUsage(); }
  const r = await env.step([0, 1, 2, 3].map(() => Math.random() * 2 - 1));
  if (r.terminated || r.truncated) await env.reset();
}
const el = performance.now() - start;
const c = process.cpuUsage(cpu0);
console.log(`${((steps / el) * 1000).toFixed(0)} steps/s, ${(el * 1000 / steps).toFixed(0)} µs/step, node user ${(c.user / steps).toFixed(0)} sys ${(c.system / steps).toFixed(0)} µs/step`);
await env.close();
