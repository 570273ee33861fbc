/** A short description of a value the submitted code returned, for error messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return `a string (${JSON.stringify(value.slice(0, 40))})`;
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `an object (${value.constructor?.name ?? "no prototype"})` : `a ${typeof value}`;
}
