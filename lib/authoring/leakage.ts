/** A side of a meta-train / meta-test split: its name ("train", "test") and the items it names. */
export type SplitSide = { side: string; items: readonly string[] };

/** The outcome of a leakage check: `overlaps` lists each unit found on more than one side, in first-seen order. */
export type LeakageReport = {
  /** What a unit is ("class", "character", "task"), for messages. */
  unit: string;
  /** What was checked, in words, for the preview. */
  checked: string;
  overlaps: { unit: string; sides: string[] }[];
};

const SHOWN = 5;

/**
 * Units (as `unitOf` maps items to them) that appear on two or more sides. A unit repeated within one side is not a
 * leak. `sides` is small (train / val / test); items may be many, so this is one pass with a map.
 */
export function findOverlaps(
  sides: readonly SplitSide[],
  unitOf: (item: string) => string = (item) => item,
): LeakageReport["overlaps"] {
  const seen = new Map<string, string[]>();
  for (const { side, items } of sides) {
    for (const item of items) {
      const unit = unitOf(item);
      const at = seen.get(unit);
      if (!at) seen.set(unit, [side]);
      else if (!at.includes(side)) at.push(side);
    }
  }
  return [...seen].filter(([, at]) => at.length > 1).map(([unit, at]) => ({ unit, sides: at }));
}

/** The report as the sentence that blocks publishing: the first few overlapping units and how many there are. */
export function describeLeakage(report: LeakageReport): string | undefined {
  const { overlaps, unit } = report;
  if (overlaps.length === 0) return undefined;
  const shown = overlaps.slice(0, SHOWN).map((o) => `${o.unit} (${o.sides.join(" and ")})`);
  const more = overlaps.length > SHOWN ? `, and ${overlaps.length - SHOWN} more` : "";
  const plural = overlaps.length === 1 ? unit : `${unit === "class" ? "classes" : `${unit}s`}`;
  return `Leakage: ${overlaps.length} ${plural} on both sides of the meta-train/meta-test split: ${shown.join(", ")}${more}.`;
}

/**
 * An Omniglot character: its alphabet and character folder, whatever rotation or drawer suffix follows
 * ("Angelic/character01/rot090", "Angelic/character01_rot90", "Angelic/character01/0965_02.png" are one character).
 */
export function omniglotCharacter(item: string): string {
  const match = /^([^/]+\/character\d+)(?![0-9])/.exec(item);
  return match ? match[1]! : item;
}
