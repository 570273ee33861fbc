import type { Track } from "../runner-types";
import { metaworldDefinition } from "./definition";
import type { MetaWorldSpec } from "./definition/spec";
import { runMetaWorldUnit } from "./driver";

/** The Meta-World runner: its definition, and a unit's meta-test played in the Python environment. */
export const metaworldTrack: Track<MetaWorldSpec> = {
  ...metaworldDefinition,
  runUnit: (context) => runMetaWorldUnit(context),
};
