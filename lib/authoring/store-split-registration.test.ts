import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { readStoreIndex } from "@/benchmarks/datasets";
import { importScratch, writeFakeStore } from "@/testing/datasets/stores";
import { resolveSplit } from "@/benchmarks/splits/resolve";
import { authoredSplitName, registerStoreSplit } from "./store-split";

const scratch = importScratch();
after(scratch.remove);
before(async () => {
  await writeFakeStore(scratch.datasetsDir, {
    name: "textures",
    imageShape: [4, 4, 3],
    classes: 10,
    perClass: 4,
    className: (i) => `t${i}`,
    group: () => "",
    complete: false,
  });
});

test("authored splits are named by their lists, added once, and resolve like imported ones; concurrent writers keep every split", async () => {
  const lists = Array.from({ length: 6 }, (_, i) => ({ train: [`t${i}`], val: [], test: ["t8", "t9"] }));
  const names = lists.map(authoredSplitName);
  assert.equal(new Set(names).size, 6);
  assert.equal(authoredSplitName({ train: ["t0"], val: [], test: ["t8", "t9"] }), names[0]);
  const before = readStoreIndex(scratch.datasetsDir, "textures")!;

  await Promise.all(
    lists.map((l, i) =>
      registerStoreSplit({ datasetsDir: scratch.datasetsDir, store: "textures", name: names[i]!, lists: l }),
    ),
  );
  await registerStoreSplit({ datasetsDir: scratch.datasetsDir, store: "textures", name: names[0]!, lists: lists[0]! });
  const index = readStoreIndex(scratch.datasetsDir, "textures")!;
  assert.deepEqual(Object.keys(index.splits).sort(), [...names].sort());
  assert.equal(index.sha256, before.sha256, "the images are untouched");
  assert.deepEqual(resolveSplit(index, names[3]!).train, ["t3"]);
});
