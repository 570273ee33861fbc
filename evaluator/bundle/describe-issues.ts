import type { z } from "zod";

/** "method.tags[0]" for ["method", "tags", 0]. */
function fieldName(path: PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function show(value: unknown): string {
  if (typeof value === "string") return `'${value.length > 60 ? `${value.slice(0, 60)}...` : value}'`;
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  return String(value);
}

function options(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === "string" ? `'${v}'` : String(v))).join(" | ");
}

function describe(issue: z.core.$ZodIssue, data: unknown): string {
  const value = valueAt(data, issue.path);
  switch (issue.code) {
    case "invalid_value":
      return `expected ${options(issue.values)}, got ${show(value)}`;
    case "invalid_union": {
      // A discriminated union names its allowed tags at runtime; zod's issue type does not declare them.
      const tags = (issue as { options?: unknown }).options;
      if (!Array.isArray(tags)) return issue.message;
      return value === undefined
        ? `missing; expected ${options(tags)}`
        : `expected ${options(tags)}, got ${show(value)}`;
    }
    case "invalid_type":
      return value === undefined
        ? `missing (expected ${issue.expected})`
        : `expected ${issue.expected}, got ${show(value)}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")}`;
    default:
      return value === undefined || typeof value === "object" ? issue.message : `${issue.message} (got ${show(value)})`;
  }
}

/** One line per issue, each naming the file and the field: "heldout.json: options.distance: expected ..., got ...". */
export function describeIssues(file: string, error: z.ZodError, data: unknown): string {
  return error.issues
    .map((issue) => {
      const field = fieldName(issue.path);
      return `${file}: ${field ? `${field}: ` : ""}${describe(issue, data)}`;
    })
    .join("\n");
}
