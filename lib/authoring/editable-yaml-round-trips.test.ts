import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { upsertBenchmark } from "@/lib/benchmark-versions";
import { createTestDatabase } from "@/testing/platform/database";
import { METAWORLD_BENCHMARKS } from "@/benchmarks/builtin/metaworld";
import { loadEditableYaml } from "./editable";
import { validateAuthoring } from "./validate";
import { smallFewshotSpec } from "@/testing/specs/fewshot";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
/** A spec from before private seeds were secret: it names both partitions' seeds. */
const seedsNamed = smallFewshotSpec({
  partitions: { public: { episodes: 4, seed: 1 }, private: { episodes: 4, seed: 2 } },
});
before(async () => {
  database = await createTestDatabase();
});
after(async () => database.drop());

test("a benchmark created without YAML (built in) is offered as YAML that validates back to its spec", async () => {
  const secretSeeded = { ...seedsNamed, partitions: { ...seedsNamed.partitions, private: { episodes: 4 } } };
  const definitions = [
    {
      slug: "built-glyphs",
      title: "Built glyphs",
      track: "fewshot" as const,
      summary: "s",
      about: "a",
      synthetic: true,
      spec: secretSeeded,
    },
    METAWORLD_BENCHMARKS[0]!,
  ];
  for (const definition of definitions) {
    await upsertBenchmark(database.db, definition);
    const editable = await loadEditableYaml(database.db, definition.slug);
    assert.ok(editable);
    assert.equal(editable.version, 1);
    const result = validateAuthoring({ text: editable.yaml, datasetsDir: "/nonexistent/heldout-datasets" });
    assert.ok(result.ok, `${definition.slug}: ${JSON.stringify(!result.ok && result.issues)}`);
    assert.deepEqual(result.benchmark.definition.spec, definition.spec);
    assert.equal(result.benchmark.definition.title, definition.title);
  }
});

test("a version that names its private seeds (from before they were secret) is offered without them: the next version draws its own", async () => {
  await upsertBenchmark(database.db, {
    slug: "legacy",
    title: "Legacy",
    track: "fewshot",
    summary: "",
    about: "",
    synthetic: true,
    spec: seedsNamed,
  });
  const editable = await loadEditableYaml(database.db, "legacy");
  const result = validateAuthoring({ text: editable!.yaml, datasetsDir: "/nonexistent/heldout-datasets" });
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  assert.deepEqual(result.benchmark.definition.spec.partitions, {
    public: seedsNamed.partitions.public,
    private: { episodes: 4 },
  });
});

test("an authored version is offered as the exact text it was published from; an unknown slug as nothing", async () => {
  const text = "# kept as written\nslug: kept\n";
  await upsertBenchmark(
    database.db,
    { slug: "kept", title: "Kept", track: "fewshot", summary: "", about: "", synthetic: true, spec: seedsNamed },
    undefined,
    text,
  );
  assert.equal((await loadEditableYaml(database.db, "kept"))?.yaml, text);
  assert.equal(await loadEditableYaml(database.db, "missing"), undefined);
});
