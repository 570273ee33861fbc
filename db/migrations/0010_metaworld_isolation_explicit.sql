-- Meta-World spec versions stored before `isolation` existed ran every goal of a unit in one sandbox: say so, so
-- they keep evaluating as they did (a spec without the field now means a fresh sandbox per goal).
UPDATE "benchmark_versions"
SET "spec" = jsonb_set("spec", '{isolation}', '"partition"')
WHERE "spec"->>'track' = 'metaworld' AND NOT ("spec" ? 'isolation');
