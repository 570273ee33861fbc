/** A class split: the class names of each part, exactly. Evaluation draws from `test` only. */
export type ClassSplit = {
  /** Short id used in benchmark specs ("cifar-fs"). */
  id: string;
  /** What it is and where it comes from, for benchmark pages. */
  description: string;
  train: readonly string[];
  val: readonly string[];
  test: readonly string[];
};
