-- Meta-World specs stored before the `goals` field existed evaluated per-task goal draws: say so explicitly, so that
-- the field's default can be the official benchmark objects' goals without changing what an old version evaluates.
UPDATE "benchmark_versions"
SET "spec" = jsonb_set("spec", '{goals}', '"per-task-v1"')
WHERE "spec"->>'track' = 'metaworld' AND NOT ("spec" ? 'goals');
