import type { ClassSplit } from "./types";

/** CIFAR-FS (Bertinetto et al. 2019): 64 / 16 / 20 CIFAR-100 classes, all 600 images per class (train + test files). */
export const CIFAR_FS_SPLIT: ClassSplit = {
  id: "cifar-fs",
  description: "CIFAR-FS (Bertinetto et al., 2019): 64 meta-train, 16 meta-validation and 20 meta-test CIFAR-100 classes, all 600 images of each class",
  train: [
    "dolphin", "seal", "aquarium_fish", "ray", "trout", "orchid", "sunflower", "tulip", "bottle", "bowl", "can", "cup", "plate",
    "apple", "mushroom", "orange", "pear", "clock", "keyboard", "chair", "couch", "bee", "caterpillar", "cockroach", "bear", "lion",
    "tiger", "wolf", "bridge", "castle", "house", "road", "skyscraper", "cloud", "forest", "mountain", "elephant", "kangaroo",
    "porcupine", "possum", "raccoon", "skunk", "lobster", "spider", "boy", "girl", "dinosaur", "lizard", "snake", "turtle",
    "hamster", "mouse", "rabbit", "shrew", "squirrel", "oak_tree", "palm_tree", "pine_tree", "willow_tree", "bus", "train",
    "lawn_mower", "streetcar", "tank",
  ],
  val: ["beaver", "otter", "flatfish", "shark", "lamp", "television", "beetle", "butterfly", "sea", "camel", "cattle", "crab", "crocodile", "maple_tree", "motorcycle", "tractor"],
  test: [
    "whale", "poppy", "rose", "sweet_pepper", "telephone", "bed", "table", "wardrobe", "leopard", "plain", "chimpanzee", "fox",
    "snail", "worm", "baby", "man", "woman", "bicycle", "pickup_truck", "rocket",
  ],
};
