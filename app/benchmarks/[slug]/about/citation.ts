/** A BibTeX entry for a benchmark version: cite the version, since results are only comparable within one. */
export function bibtex(input: { slug: string; title: string; version: number; year: number; url: string }): string {
  const key = `heldout-${input.slug}-v${input.version}`.replace(/[^A-Za-z0-9_-]/g, "-");
  const braces = (s: string) => s.replace(/[{}\\]/g, "");
  return [
    `@misc{${key},`,
    `  title = {{${braces(input.title)}} (version ${input.version})},`,
    `  howpublished = {Heldout benchmark \\texttt{${braces(input.slug).replace(/_/g, "\\_")}}},`,
    `  year = {${input.year}},`,
    `  url = {${braces(input.url)}},`,
    `}`,
  ].join("\n");
}

/** Top-level spec fields that differ between two versions, e.g. ["shots", "partitions"]. */
export function changedFields(previous: Record<string, unknown>, next: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(previous), ...Object.keys(next)])];
  return keys.filter((k) => JSON.stringify(previous[k]) !== JSON.stringify(next[k])).sort();
}
