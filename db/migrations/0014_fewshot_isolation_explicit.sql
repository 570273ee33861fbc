-- Few-shot spec versions stored before `isolation` existed answered every episode of a partition from one learner
-- sandbox: say so, so they keep evaluating as they did (a spec without the field now means isolation: task).
UPDATE "benchmark_versions"
SET "spec" = jsonb_set("spec", '{isolation}', '"partition"')
WHERE "spec"->>'track' = 'fewshot' AND NOT ("spec" ? 'isolation');
