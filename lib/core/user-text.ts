import { z } from "zod";
import { forbiddenInName } from "./untrusted-text";

/**
 * Zod schemas for text a person types: names are refused, with a message saying which character, when they hold
 * what no name should (NUL, escapes, line breaks, bidirectional overrides), instead of being stored as they are.
 */

/** A one-line name (team, user, token, submission): trimmed, between `min` and `max` characters. */
export function nameText(options: { max: number; min?: number; tooShort?: string }) {
  const min = options.min ?? 1;
  return z
    .string()
    .trim()
    .min(min, options.tooShort ?? (min === 1 ? "must not be empty" : `at least ${min} characters`))
    .max(options.max, `at most ${options.max} characters`)
    .superRefine((text, ctx) => {
      const bad = forbiddenInName(text);
      if (bad) ctx.addIssue({ code: "custom", message: `must not contain control characters (found ${bad})` });
    });
}

/** Free text that may span lines (a reason, a description): refuses NUL and control characters but tab and newline. */
export function proseText(options: { max: number; min?: number; tooShort?: string }) {
  const min = options.min ?? 1;
  return z
    .string()
    .trim()
    .min(min, options.tooShort ?? `at least ${min} characters`)
    .max(options.max, `at most ${options.max} characters`)
    .superRefine((text, ctx) => {
      const bad = forbiddenInName(text.replace(/\r?\n|\t/g, " "));
      if (bad) ctx.addIssue({ code: "custom", message: `must not contain control characters (found ${bad})` });
    });
}

/**
 * Where in a parsed JSON value a string holds NUL ("name", "add.2"; "" for the value itself), or undefined.
 * PostgreSQL can store NUL in neither text nor jsonb, so a body carrying one is refused whole, whatever the field.
 */
export function findNul(value: unknown, at: string[] = []): string | undefined {
  if (typeof value === "string") return value.includes("\0") ? at.join(".") : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...at, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      const found = key.includes("\0") ? [...at, key].join(".") : findNul(inner, [...at, key]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
