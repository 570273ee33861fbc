import { AppError } from "@/lib/core/errors";
import type { StoreIndex } from "@/benchmarks/datasets/store-index";
import { CIFAR_FS_SPLIT } from "./cifar-fs";
import { FC100_SPLIT } from "./fc100";
import { OMNIGLOT_VINYALS_TEST_ALPHABETS } from "./omniglot-vinyals";
import type { ClassSplit } from "./types";

/** The standard splits, by id. Omniglot's is defined by alphabet, so its class lists come from the imported index. */
export const STANDARD_SPLIT_IDS = ["omniglot-vinyals", "cifar-fs", "fc100"] as const;

/**
 * The class names of each part of `splitId` over an imported store: a standard split, or one imported with the store.
 * Refuses a split naming a class the store lacks, naming one twice, or putting one class in two parts.
 */
export function resolveSplit(index: StoreIndex, splitId: string): ClassSplit {
  const split = findSplit(index, splitId);
  const known = new Set(index.classes.map((c) => c.name));
  const seen = new Map<string, string>();
  for (const part of ["train", "val", "test"] as const) {
    for (const name of split[part]) {
      if (!known.has(name))
        throw new AppError(
          "spec_invalid",
          `split ${splitId} puts class "${name}" in ${part}, but dataset ${index.name} has no such class`,
        );
      const other = seen.get(name);
      if (other)
        throw new AppError(
          "spec_invalid",
          `split ${splitId} puts class "${name}" in both ${other} and ${part}: meta-train and meta-test classes must be disjoint`,
        );
      seen.set(name, part);
    }
  }
  return split;
}

function findSplit(index: StoreIndex, splitId: string): ClassSplit {
  switch (splitId) {
    case "cifar-fs":
      return CIFAR_FS_SPLIT;
    case "fc100":
      return FC100_SPLIT;
    case "omniglot-vinyals": {
      const isTest = (group: string) => (OMNIGLOT_VINYALS_TEST_ALPHABETS as readonly string[]).includes(group);
      return {
        id: splitId,
        description:
          "Vinyals et al. (2016): the 423 characters of 13 images_evaluation alphabets are meta-test, the other 1200 meta-train; each rotated by 0/90/180/270 degrees as four classes",
        train: index.classes.filter((c) => !isTest(c.group)).map((c) => c.name),
        val: [],
        test: index.classes.filter((c) => isTest(c.group)).map((c) => c.name),
      };
    }
  }
  const stored = index.splits[splitId];
  if (!stored) {
    throw new AppError(
      "spec_invalid",
      `dataset ${index.name} has no split "${splitId}" (standard: ${STANDARD_SPLIT_IDS.join(", ")}; imported: ${Object.keys(index.splits).join(", ") || "none"})`,
    );
  }
  return { id: splitId, description: `split "${splitId}" imported with ${index.name}`, ...stored };
}
