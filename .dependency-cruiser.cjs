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
 *   testing       test support (testing/README.md): on anything; only tests, e2e and bench import it
 * Test files (*.test.ts) assemble layers the way a composition root does, so only the cycle rule applies to them.
 */
const ours = "^(app|bench|benchmarks|cli|db|e2e|evaluator|lib|scripts|testing)/";
const test = "\\.test\\.tsx?$";
// Everything under evaluator/tracks that is not a definition is runner code (until a track is split, all of it).
const runnerSide =
  "^evaluator/(worker|sandbox|envs|runtime)/|^evaluator/tracks/(?!definitions\\.ts$|types\\.ts$|[^/]+/definition/)";
const roots = "^(app|cli|bench|scripts|e2e|testing)/|^benchmarks/baselines/";

/** A rule: modules under `from` (tests aside) import nothing of ours but what `allowed` matches. */
const onlyOn = (name, from, allowed, comment) => ({
  name,
  severity: "error",
  comment,
  from: { path: from, pathNot: test },
  to: { path: ours, pathNot: allowed },
});

/** A rule: modules under `from` (tests aside) never import what `to` matches. */
const never = (name, from, to, comment) => ({
  name,
  severity: "error",
  comment,
  from: { path: from, pathNot: test },
  to: { path: to },
});

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules import one another in a cycle.",
      from: {},
      to: { circular: true },
    },
    onlyOn(
      "db-on-nothing",
      "^db/",
      "^db/|^lib/(benchmark-spec|private-seeds)\\.ts$|^evaluator/protocol/manifest\\.ts$",
      "db is the floor: it imports nothing of ours but db/ (settings come in as arguments).",
    ),
    {
      name: "db-types-only",
      severity: "error",
      comment:
        "db may name the spec, manifest and version-secret types for its jsonb columns, never import their code.",
      from: { path: "^db/", pathNot: test },
      to: {
        path: "^lib/(benchmark-spec|private-seeds)\\.ts$|^evaluator/protocol/manifest\\.ts$",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "schema-on-nothing",
      severity: "error",
      comment: "db/schema is the bottom of db: the queries import it, never the other way.",
      from: { path: "^db/schema/" },
      to: { path: "^db/", pathNot: "^db/schema/" },
    },
    onlyOn(
      "core-on-nothing",
      "^lib/core/",
      "^lib/core/",
      "lib/core holds leaf utilities (random, typed errors) that every layer but db and the runtime may import.",
    ),
    onlyOn(
      "metrics-on-nothing",
      "^evaluator/metrics/",
      "^evaluator/metrics/",
      "evaluator/metrics are pure statistics over numbers: whatever they need comes in as arguments.",
    ),
    onlyOn(
      "protocol-on-nothing",
      "^evaluator/protocol/",
      "^evaluator/protocol/",
      "evaluator/protocol (frames, messages, the bundle manifest) is bundled into the sandbox: it imports only itself.",
    ),
    onlyOn(
      "runtime-on-protocol",
      "^evaluator/runtime/",
      "^evaluator/(runtime|protocol)/",
      "evaluator/runtime runs inside the sandbox: it may import the protocol and nothing else of ours.",
    ),
    never(
      "definitions-light",
      "^evaluator/tracks/(definitions|types)\\.ts$|^evaluator/tracks/[^/]+/definition/",
      `^db/|^lib/(?!core/|benchmark-spec\\.ts$|private-seeds\\.ts$|metric-format\\.ts$)|${runnerSide}|${roots}|^evaluator/bundle/`,
      "A track definition is what the site, the domain and the bundle checker load: no db, no domain, no runner.",
    ),
    never(
      "bundle-checker-light",
      "^evaluator/bundle/",
      `^db/|^lib/(?!core/|benchmark-spec\\.ts$)|${runnerSide}|${roots}`,
      "evaluator/bundle is shared by the site and the CLI: on definitions and leaves, never db, the domain or a runner.",
    ),
    never(
      "domain-not-on-worker",
      "^lib/|^benchmarks/(?!baselines/)",
      `${runnerSide}|${roots}`,
      "The domain (lib/, benchmarks' libraries) runs in the site: it never loads the worker side or a root.",
    ),
    never("worker-not-on-roots", runnerSide, roots, "The worker side is started by a root (cli), never the other way."),
    never(
      "testing-only-for-tests",
      "^(?!(testing|e2e|bench)/)",
      "^testing/",
      "testing/ is test support: only tests (*.test.ts), the browser tests (e2e/) and bench/ import it.",
    ),
    never(
      "site-not-on-worker",
      "^app/",
      `${runnerSide}|^db/`,
      "The site (app/) loads the domain and the track definitions, never the worker side or the database.",
    ),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: {
      path: "(^|/)(node_modules|\\.next|\\.heldout|\\.native|\\.venv|\\.venv-bench)/|^evaluator/runtime/dist/",
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
