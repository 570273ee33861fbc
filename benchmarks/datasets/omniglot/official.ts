/** Published facts about the official Omniglot files (github.com/brendenlake/omniglot, python/; md5s as in torchvision). */
export const OMNIGLOT_PARTS = [
  { name: "images_background", md5: "68d2efa1b9178cc56df9314c21c6e718", alphabets: 30, characters: 964 },
  { name: "images_evaluation", md5: "6b91aef0f799c5bb55b94e3f2daec811", alphabets: 20, characters: 659 },
] as const;

export const OMNIGLOT_DRAWERS = 20;
export const OMNIGLOT_SOURCE_SIZE = 105;
export const OMNIGLOT_SIZE = 28;
