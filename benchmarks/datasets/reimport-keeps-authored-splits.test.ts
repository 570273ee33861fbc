import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import test from "node:test";
import { registerStoreSplit } from "@/lib/authoring/store-split";
import { STORE_INDEX_FILE, storeIndexSchema } from "./store-index";
import { writeFakeStore } from "@/testing/datasets/stores";

const store = (classes: number) => ({
  name: "shapes",
  imageShape: [4, 4, 1] as [number, number, number],
  classes,
  perClass: 2,
  className: (i: number) => `c${i}`,
  group: () => "",
  complete: false,
});

test("re-importing a store keeps the authored splits whose classes are still there, and drops the others", async () => {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "heldout-reimport-"));
  try {
    await writeFakeStore(dir, store(6));
    await registerStoreSplit({
      datasetsDir: dir,
      store: "shapes",
      name: "authored-a",
      lists: { train: ["c0", "c1"], val: [], test: ["c2", "c3"] },
    });
    await registerStoreSplit({
      datasetsDir: dir,
      store: "shapes",
      name: "authored-b",
      lists: { train: ["c0"], val: [], test: ["c4", "c5"] },
    });

    await writeFakeStore(dir, store(4)); // c4 and c5 are gone from the new import
    const index = storeIndexSchema.parse(
      JSON.parse(await fs.promises.readFile(path.join(dir, "shapes", STORE_INDEX_FILE), "utf8")),
    );
    assert.deepEqual(Object.keys(index.splits), ["authored-a"]);
    assert.deepEqual(index.splits["authored-a"], { train: ["c0", "c1"], val: [], test: ["c2", "c3"] });
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
});
