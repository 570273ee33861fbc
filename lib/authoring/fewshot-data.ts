import fs from "node:fs";
import { readStoreIndex, type StoreIndex } from "@/benchmarks/datasets";
import { OMNIGLOT_STORE } from "@/benchmarks/datasets/omniglot/import";
import { resolveSplit, STANDARD_SPLIT_IDS } from "@/benchmarks/splits/resolve";
import { openFewshotDataset } from "@/evaluator/tracks/fewshot/definition/dataset";
import type { FewshotSpec } from "@/lib/benchmark-spec";
import { AppError } from "@/lib/core/errors";
import type { AuthoredSplit, FewshotDocument } from "./document";
import { findOverlaps, omniglotCharacter, type LeakageReport } from "./leakage";
import { authoredSplitName, type ClassLists } from "./store-split";

/** A problem with a field of the document, before it has a line. */
export type FieldProblem = {
  path: (string | number)[];
  message: string;
  /** Where to point when the field itself is absent (ML1's missing task: at its benchmark line). */
  at?: (string | number)[];
};

/** The dataset part of a few-shot spec, with what the leakage check and the protocol checks need. */
export type ResolvedFewshotData = {
  dataset: FewshotSpec["dataset"];
  leakage: LeakageReport;
  /** Meta-test classes an episode draws from (rotations counted) and images per class. */
  capacity: { testClasses: number; drawers: number };
  /** An authored class split the store must hold before the spec can be evaluated. */
  register?: { store: string; name: string; lists: ClassLists };
  /** Words for the benchmark page. */
  description: string;
};

const MAX_UNKNOWN_REPORTED = 10;

/** Resolves `dataset`, `split`, `rotations` and `normalization` of a few-shot document against the imported stores. */
export function resolveFewshotData(
  doc: FewshotDocument,
  datasetsDir: string,
): ResolvedFewshotData | { problems: FieldProblem[] } {
  if (doc.dataset === "glyphs") return resolveGlyphs(doc);
  const index = readStoreIndex(datasetsDir, doc.dataset);
  if (!index) {
    const imported = listImportedStores(datasetsDir);
    return problem(
      ["dataset"],
      `no data store "${doc.dataset}" has been imported (imported: ${imported.join(", ") || "none"}; built in: glyphs); import it with \`heldout import\``,
    );
  }
  if (doc.split === undefined) {
    const named = [...STANDARD_SPLIT_IDS, ...Object.keys(index.splits)];
    return problem(
      ["split"],
      `required for a data store: a split name (${named.join(", ")}) or class lists {train, val, test}`,
    );
  }
  const rotations = doc.rotations ?? index.name === OMNIGLOT_STORE;
  const [height, width, channels] = index.imageShape;
  if (rotations && height !== width)
    return problem(["rotations"], `rotations need square images; ${index.name} has ${height}×${width}`);
  const normalization = doc.normalization;
  if (normalization && normalization.mean.length !== channels) {
    return problem(
      ["normalization"],
      `needs ${channels} value(s) per list, one per channel of ${index.name}; got ${normalization.mean.length}`,
    );
  }
  const unitOf = index.name === OMNIGLOT_STORE ? omniglotCharacter : (item: string) => item;
  const unit = index.name === OMNIGLOT_STORE ? "character" : "class";
  const resolved = resolveStoreLists(index, doc.split, unitOf);
  if ("problems" in resolved) return resolved;
  const { lists, splitName, register } = resolved;
  const leakage = storeLeakage(index, lists, unitOf, unit);
  const count = (name: string) => index.classes.find((c) => c.name === name)?.count ?? 0;
  return {
    dataset: {
      source: "store",
      store: index.name,
      split: splitName,
      rotations,
      sha256: index.sha256,
      ...(normalization ? { normalization } : {}),
    },
    leakage,
    capacity: {
      testClasses: lists.test.length * (rotations ? 4 : 1),
      drawers: Math.min(...[...lists.train, ...lists.val, ...lists.test].map(count)),
    },
    register: leakage.overlaps.length === 0 ? register : undefined,
    description: describeStore(
      index,
      typeof doc.split === "string" ? `split ${doc.split}` : "an authored class split",
      lists,
      rotations,
    ),
  };
}

/** A store's class lists: a split it knows by name, or the authored lists (a split to register) checked against it. */
function resolveStoreLists(
  index: StoreIndex,
  split: AuthoredSplit,
  unitOf: (item: string) => string,
): { lists: ClassLists; splitName: string; register?: ResolvedFewshotData["register"] } | { problems: FieldProblem[] } {
  if (typeof split === "string") {
    try {
      const named = resolveSplit(index, split);
      return { lists: { train: [...named.train], val: [...named.val], test: [...named.test] }, splitName: split };
    } catch (error) {
      if (error instanceof AppError) return problem(["split"], error.message);
      throw error;
    }
  }
  const known = new Set(index.classes.map((c) => c.name));
  const problems: FieldProblem[] = [];
  for (const part of ["train", "val", "test"] as const) {
    split[part].forEach((item, i) => {
      if (!known.has(unitOf(item)) && problems.length < MAX_UNKNOWN_REPORTED) {
        problems.push({ path: ["split", part, i], message: `${index.name} has no class "${unitOf(item)}"` });
      }
    });
  }
  if (problems.length > 0) return { problems };
  // Rotation or drawer suffixes name the same stored class (Omniglot): each part lists a class once.
  const dedupe = (items: string[]) => [...new Set(items.map(unitOf))];
  const lists = { train: dedupe(split.train), val: dedupe(split.val), test: dedupe(split.test) };
  const splitName = authoredSplitName(lists);
  return { lists, splitName, register: { store: index.name, name: splitName, lists } };
}

/** The leakage report of a store's class lists: which units appear on more than one side. */
function storeLeakage(
  index: StoreIndex,
  lists: ClassLists,
  unitOf: (item: string) => string,
  unit: LeakageReport["unit"],
): LeakageReport {
  const overlaps = findOverlaps(
    [
      { side: "train", items: lists.train },
      { side: "val", items: lists.val },
      { side: "test", items: lists.test },
    ],
    unitOf,
  );
  return {
    unit,
    checked: `${lists.train.length} train, ${lists.val.length} val and ${lists.test.length} test ${unit === "class" ? "classes" : "characters (rotations and drawers count as one character)"} of ${index.name}`,
    overlaps,
  };
}

function resolveGlyphs(doc: FewshotDocument): ResolvedFewshotData | { problems: FieldProblem[] } {
  for (const field of ["split", "rotations", "normalization"] as const) {
    if (doc[field] !== undefined)
      return problem([field], "not used with glyphs: its meta-train and meta-test classes are fixed by the generator");
  }
  const dataset: FewshotSpec["dataset"] = { source: "glyphs", version: 1 };
  const glyphs = openFewshotDataset(dataset);
  return {
    dataset,
    leakage: {
      unit: "class",
      checked: `${glyphs.trainClasses.length} train and ${glyphs.testClasses.length} test classes of ${glyphs.name}`,
      overlaps: findOverlaps([
        { side: "train", items: glyphs.trainClasses.map(String) },
        { side: "test", items: glyphs.testClasses.map(String) },
      ]),
    },
    capacity: { testClasses: glyphs.testClasses.length, drawers: glyphs.drawers },
    description: `${glyphs.name}: procedurally generated glyphs (synthetic), ${glyphs.testClasses.length} meta-test classes of ${glyphs.drawers} drawings each`,
  };
}

function describeStore(index: StoreIndex, split: string, lists: ClassLists, rotations: boolean): string {
  const [h, w, c] = index.imageShape;
  const rotated = rotations ? ", each also rotated by 90, 180 and 270 degrees as three more classes" : "";
  return `${index.name}, ${split}: ${lists.train.length} meta-train, ${lists.val.length} meta-val and ${lists.test.length} meta-test classes${rotated}; images ${h}×${w}×${c}. ${index.preprocessing}`;
}

/** The data stores imported into `datasetsDir`, by name. */
export function listImportedStores(datasetsDir: string): string[] {
  if (!fs.existsSync(datasetsDir)) return [];
  return fs
    .readdirSync(datasetsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && readStoreIndex(datasetsDir, e.name))
    .map((e) => e.name)
    .sort();
}

function problem(path: FieldProblem["path"], message: string): { problems: FieldProblem[] } {
  return { problems: [{ path, message }] };
}
