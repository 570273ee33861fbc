/**
 * `npm run lint:arrows`: checks the layer arrows of .dependency-cruiser.cjs over the whole tree and fails on any
 * violation: an import that runs back up a layer, or a cycle. There is no allow-list.
 * It calls dependency-cruiser's API rather than its CLI, which refuses to start on node 20.
 */
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const roots = ["app", "bench", "benchmarks", "cli", "db", "e2e", "evaluator", "lib", "scripts", "testing"];

const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
const { output } = await cruise(
  roots,
  { ...options, validate: true },
  {},
  { tsConfig: extractTSConfig("tsconfig.json") },
);
const { summary } = output as ICruiseResult;

function describe(v: IViolation): string {
  const arrow = v.cycle ? [v.from, ...v.cycle.map((c) => c.name)].join(" → ") : `${v.from} → ${v.to}`;
  return `${v.rule.name}: ${arrow}`;
}

const errors = summary.violations.filter((v) => v.rule.severity === "error");
for (const v of errors) console.error(describe(v));
console.log(
  `arrows: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports; ${errors.length} violations`,
);
process.exit(errors.length ? 1 : 0);
