/**
 * `npm run lint:arrows`: checks the layer arrows of .dependency-cruiser.cjs (no import runs back up a layer, no
 * cycle) over the whole tree, and fails on any violation not listed in .dependency-cruiser-known-violations.json.
 * That file is the temporary allow-list of arrows still to be removed; `--baseline` rewrites it from the tree.
 * It calls dependency-cruiser's API rather than its CLI, which refuses to start on node 20.
 */
import fs from "node:fs";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const KNOWN = ".dependency-cruiser-known-violations.json";
const roots = ["app", "bench", "benchmarks", "cli", "db", "e2e", "evaluator", "lib", "scripts", "testing"];
const writeBaseline = process.argv.includes("--baseline");

const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
const known: IViolation[] = !writeBaseline && fs.existsSync(KNOWN) ? JSON.parse(fs.readFileSync(KNOWN, "utf8")) : [];
const { output } = await cruise(roots, { ...options, validate: true, knownViolations: known }, {}, { tsConfig: extractTSConfig("tsconfig.json") });
const { summary } = output as ICruiseResult;

function describe(v: IViolation): string {
  const arrow = v.cycle ? [v.from, ...v.cycle.map((c) => c.name)].join(" → ") : `${v.from} → ${v.to}`;
  return `${v.rule.name}: ${arrow}`;
}

if (writeBaseline) {
  fs.writeFileSync(KNOWN, `${JSON.stringify(summary.violations, null, 2)}\n`);
  console.log(`${KNOWN}: ${summary.violations.length} known violations written`);
  process.exit(0);
}

const errors = summary.violations.filter((v) => v.rule.severity === "error");
for (const v of errors) console.error(describe(v));
const ignored = summary.ignore ?? 0;
console.log(
  `arrows: ${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports; ${errors.length} violations` +
    (ignored ? `, ${ignored} known ones still allowed by ${KNOWN}` : ""),
);
process.exit(errors.length ? 1 : 0);
