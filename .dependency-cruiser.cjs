/**
 * The layer arrows, checked by `npm run lint:arrows` (scripts/check-arrows.mts) as the first step of `npm test`.
 * The layers, lowest first (the root README's "Architecture" section says why each sits where it does):
 *   leaves        lib/core (random, typed errors), evaluator/metrics, evaluator/protocol: nothing of ours
 *   db            db/schema and the plain SQL of db/queries: nothing of ours but db/ (and, for the jsonb column
 *                 types only, the spec and manifest types)
 *   definitions   evaluator/tracks/definitions.ts and each track's definition/: spec and manifest schemas,
 *                 planUnits, metric columns, aggregation; on the leaves and the spec
 *   bundle        evaluator/bundle, the bundle checker shared by the site and the CLI: on definitions and leaves
 *   domain        lib/ (and benchmarks' dataset libraries and builtin definitions): on db, definitions, bundle
 *   worker side   evaluator/{worker,sandbox,envs}, evaluator/tracks/runners.ts and each track's runner/: on the domain
 *   runtime       evaluator/runtime (inside the sandbox): on the protocol alone
 *   roots         app, cli, benchmarks/baselines, bench, scripts, e2e: on anything below; nothing imports them
 * Test files (*.test.ts) assemble layers the way a composition root does, so only the cycle rule applies to them.
 */
const ours = "^(app|bench|benchmarks|cli|db|e2e|evaluator|lib|scripts)/";
const test = "\\.test\\.tsx?$";
// Everything under evaluator/tracks that is not a definition is runner code (until a track is split, all of it).
const runnerSide = "^evaluator/(worker|sandbox|envs|runtime)/|^evaluator/tracks/(?!definitions\\.ts$|types\\.ts$|[^/]+/definition/)";
const roots = "^(app|cli|bench|scripts|e2e)/|^benchmarks/baselines/";

module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "Modules import one another in a cycle.", from: {}, to: { circular: true } },
    {
      name: "db-on-nothing",
      severity: "error",
      comment: "db is the floor: it imports nothing of ours but db/ (settings come in as arguments).",
      from: { path: "^db/", pathNot: test },
      to: { path: ours, pathNot: "^db/|^lib/benchmark-spec\\.ts$|^evaluator/protocol/manifest\\.ts$" },
    },
    {
      name: "db-types-only",
      severity: "error",
      comment: "db may name the spec and manifest types for its jsonb columns, never import their code.",
      from: { path: "^db/", pathNot: test },
      to: { path: "^lib/benchmark-spec\\.ts$|^evaluator/protocol/manifest\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "schema-on-nothing",
      severity: "error",
      comment: "db/schema is the bottom of db: the queries import it, never the other way.",
      from: { path: "^db/schema/" },
      to: { path: "^db/", pathNot: "^db/schema/" },
    },
    {
      name: "core-on-nothing",
      severity: "error",
      comment: "lib/core holds leaf utilities (random, typed errors) that every layer but db and the runtime may import.",
      from: { path: "^lib/core/" },
      to: { path: ours, pathNot: "^lib/core/" },
    },
    {
      name: "metrics-on-nothing",
      severity: "error",
      comment: "evaluator/metrics are pure statistics over numbers: whatever they need comes in as arguments.",
      from: { path: "^evaluator/metrics/", pathNot: test },
      to: { path: ours, pathNot: "^evaluator/metrics/" },
    },
    {
      name: "protocol-on-nothing",
      severity: "error",
      comment: "evaluator/protocol (frames, messages, the bundle manifest) is bundled into the sandbox: it imports only itself.",
      from: { path: "^evaluator/protocol/", pathNot: test },
      to: { path: ours, pathNot: "^evaluator/protocol/" },
    },
    {
      name: "runtime-on-protocol",
      severity: "error",
      comment: "evaluator/runtime runs inside the sandbox: it may import the protocol and nothing else of ours.",
      from: { path: "^evaluator/runtime/", pathNot: test },
      to: { path: ours, pathNot: "^evaluator/(runtime|protocol)/" },
    },
    {
      name: "definitions-light",
      severity: "error",
      comment: "A track definition is what the site, the domain and the bundle checker load: no db, no domain, no runner.",
      from: { path: "^evaluator/tracks/(definitions|types)\\.ts$|^evaluator/tracks/[^/]+/definition/", pathNot: test },
      to: { path: `^db/|^lib/(?!core/|benchmark-spec\\.ts$|metric-format\\.ts$)|${runnerSide}|${roots}|^evaluator/bundle/` },
    },
    {
      name: "bundle-checker-light",
      severity: "error",
      comment: "evaluator/bundle is shared by the site and the CLI: on definitions and leaves, never db, the domain or a runner.",
      from: { path: "^evaluator/bundle/", pathNot: test },
      to: { path: `^db/|^lib/(?!core/|benchmark-spec\\.ts$)|${runnerSide}|${roots}` },
    },
    {
      name: "domain-not-on-worker",
      severity: "error",
      comment: "The domain (lib/, benchmarks' libraries) runs in the site: it never loads the worker side or a root.",
      from: { path: "^lib/|^benchmarks/(?!baselines/)", pathNot: test },
      to: { path: `${runnerSide}|${roots}` },
    },
    {
      name: "worker-not-on-roots",
      severity: "error",
      comment: "The worker side is started by a root (cli), never the other way.",
      from: { path: runnerSide, pathNot: test },
      to: { path: roots },
    },
    {
      name: "site-not-on-worker",
      severity: "error",
      comment: "The site (app/) loads the domain and the track definitions, never the worker side or the database.",
      from: { path: "^app/" },
      to: { path: `${runnerSide}|^db/(?!schema/)` },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|\\.next|\\.heldout|\\.native|\\.venv|\\.venv-bench)/|^evaluator/runtime/dist/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
