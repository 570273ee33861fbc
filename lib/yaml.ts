import { LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { AppError } from "@/lib/core/errors";

/** One problem in a YAML document: the line of the offending value and the field's dotted path ("" for the document). */
export type YamlIssue = { line: number; field: string; message: string };

/** A parsed YAML document that can say on which line a field (or its closest existing ancestor) sits. */
export type YamlSource = { value: unknown; lineOf: (path: readonly (string | number)[]) => number };

/** Parses YAML text; a syntax error is one issue at its line. */
export function readYamlSource(text: string): { source: YamlSource } | { issues: YamlIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    return {
      issues: [
        {
          line: lineCounter.linePos(error.pos[0]).line,
          field: "",
          message: `not valid YAML: ${error.message.split("\n")[0]}`,
        },
      ],
    };
  }
  return { source: { value: doc.toJS(), lineOf: (path) => lineOf(doc, lineCounter, path) } };
}

function lineOf(doc: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number {
  let at = [...path];
  // A missing field has no node: point at the closest ancestor that exists.
  while (at.length > 0 && !doc.getIn(at, true)) at = at.slice(0, -1);
  const node = at.length > 0 ? (doc.getIn(at, true) as { range?: [number, number, number] } | undefined) : undefined;
  return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
}

/** A zod issue path as the field name people read: "partitions.public.seed", or "(top level)". */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join(".") : "(top level)";
}

/** zod issues located in `source`; `prefix` is where the validated value sits in the document. */
export function locateIssues(source: YamlSource, error: z.ZodError, prefix: (string | number)[] = []): YamlIssue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    return { line: source.lineOf(path), field: fieldName(path), message: issue.message };
  });
}

/** Issues as "file:line: field: message" lines. */
export function formatIssues(file: string, issues: readonly YamlIssue[]): string {
  return issues.map((i) => `${file}:${i.line}: ${i.field ? `${i.field}: ` : ""}${i.message}`).join("\n");
}

/**
 * Parses YAML text with `schema`; every problem becomes one line "file:line: path.to.field: message", pointing at the
 * offending value (or at the object missing a field). Throws AppError("spec_invalid") listing them all.
 */
export function parseYaml<T extends z.ZodType>(file: string, text: string, schema: T): z.infer<T> {
  const read = readYamlSource(text);
  if ("issues" in read) throw new AppError("spec_invalid", formatIssues(file, read.issues));
  const parsed = schema.safeParse(read.source.value);
  if (parsed.success) return parsed.data;
  throw new AppError("spec_invalid", formatIssues(file, locateIssues(read.source, parsed.error)));
}
