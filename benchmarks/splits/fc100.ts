import { CIFAR100_HIERARCHY } from "@/benchmarks/datasets/cifar100/names";
import type { ClassSplit } from "./types";

/** FC100 (Oreshkin et al. 2018) splits CIFAR-100 by superclass: 12 / 4 / 4 superclasses, 60 / 20 / 20 classes. */
export const FC100_SUPERCLASSES = {
  train: [
    "fish",
    "flowers",
    "food_containers",
    "fruit_and_vegetables",
    "household_electrical_devices",
    "household_furniture",
    "large_man-made_outdoor_things",
    "large_natural_outdoor_scenes",
    "reptiles",
    "trees",
    "vehicles_1",
    "vehicles_2",
  ],
  val: ["large_carnivores", "large_omnivores_and_herbivores", "non-insect_invertebrates", "small_mammals"],
  test: ["aquatic_mammals", "insects", "medium_mammals", "people"],
} as const;

const classesOf = (superclasses: readonly string[]) => superclasses.flatMap((s) => CIFAR100_HIERARCHY[s]!);

export const FC100_SPLIT: ClassSplit = {
  id: "fc100",
  description:
    "FC100 (Oreshkin et al., 2018): CIFAR-100 split by superclass, 12 / 4 / 4 superclasses = 60 meta-train, 20 meta-validation and 20 meta-test classes, all 600 images of each class",
  train: classesOf(FC100_SUPERCLASSES.train),
  val: classesOf(FC100_SUPERCLASSES.val),
  test: classesOf(FC100_SUPERCLASSES.test),
};
