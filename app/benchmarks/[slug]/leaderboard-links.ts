/** A link to the same leaderboard with some of its query changed (undefined: that part left out). */
export type LinkTo = (change: Record<string, string | undefined>) => string;

/**
 * Links from the leaderboard being shown: its partition, mode, tag filter, chosen columns and version (left out
 * when it is the latest) carry over, and whatever `change` names replaces its part; empty parts stay out of the URL.
 */
export function leaderboardLinks(shown: {
  slug: string;
  partition: string;
  mode: string;
  tag?: string;
  cols?: string[];
  version?: number;
}): LinkTo {
  return (change) => {
    const params = {
      partition: shown.partition,
      mode: shown.mode,
      tag: shown.tag,
      cols: shown.cols?.join(","),
      version: shown.version === undefined ? undefined : String(shown.version),
      ...change,
    };
    const qs = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
    return `/benchmarks/${shown.slug}?${qs}`;
  };
}
