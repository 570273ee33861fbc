-- Meta-World spec versions stored before `observation` existed gave agents the environment's 39 numbers alone, MT10's
-- included: say so, so they keep evaluating as they did (a spec without the field now means its benchmark's default,
-- and MT benchmarks default to the one-hot task id).
UPDATE "benchmark_versions"
SET "spec" = jsonb_set("spec", '{observation}', '"plain"')
WHERE "spec"->>'track' = 'metaworld' AND NOT ("spec" ? 'observation');
