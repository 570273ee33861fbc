/**
 * The Vinyals et al. (2016) Omniglot split used by Prototypical Networks: the 423 characters of these 13 alphabets of
 * images_evaluation are meta-test; the other 1200 characters (all of images_background and the remaining 7
 * evaluation alphabets) are meta-train. Rotations by 0/90/180/270 degrees make each character four classes.
 */
export const OMNIGLOT_VINYALS_TEST_ALPHABETS = [
  "Gurmukhi",
  "Kannada",
  "Keble",
  "Malayalam",
  "Manipuri",
  "Mongolian",
  "Old_Church_Slavonic_(Cyrillic)",
  "Oriya",
  "Sylheti",
  "Syriac_(Serto)",
  "Tengwar",
  "Tibetan",
  "ULOG",
] as const;

/** Character counts of the full dataset, checked when a complete import is split. */
export const OMNIGLOT_VINYALS_COUNTS = { trainCharacters: 1200, testCharacters: 423 } as const;

export const OMNIGLOT_ROTATIONS = [0, 90, 180, 270] as const;
