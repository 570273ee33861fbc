import type { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { findNul } from "@/lib/core/user-text";
import { describeZodError } from "./errors";

export const MAX_JSON_BYTES = 64 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

function jsonTooLarge(): AppError {
  return new AppError("body_too_large", `The request body is larger than the ${MAX_JSON_BYTES / 1024} KiB limit.`, 413);
}

/** The Content-Length the client declared, if it sent a valid one. */
export function declaredLength(req: Request): number | undefined {
  const header = req.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header);
}

/**
 * Reads a request body into memory, at most `maxBytes` of it: a declared Content-Length over the cap is refused
 * before a byte is read, and a body that streams past the cap is cancelled at the first chunk over it, so the
 * rest is never read. Every route that takes a body reads it through here (or, for uploads, streams it under
 * its own cap), after authenticating the caller.
 */
export async function readBody(req: Request, options: { maxBytes: number; tooLarge: () => AppError }): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > options.maxBytes) throw options.tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > options.maxBytes) {
      // Not awaited: a client that keeps sending must not hold the refusal back.
      reader.cancel().catch(() => {});
      throw options.tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Parses a JSON request body with `schema`; a clear 400 for a malformed or invalid body, 413 past 64 KiB. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const bytes = await readBody(req, { maxBytes: MAX_JSON_BYTES, tooLarge: jsonTooLarge });
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new AppError("invalid_request", "The request body is not valid UTF-8.", 400);
  }
  let value: unknown;
  try {
    value = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.", 400);
  }
  refuseNul(value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("invalid_request", describeZodError(parsed.error), 400);
  return parsed.data;
}

/** PostgreSQL stores NUL in neither text nor jsonb: a body or query holding one is refused, naming where. */
function refuseNul(value: unknown): void {
  const at = findNul(value);
  if (at !== undefined)
    throw new AppError("invalid_request", `${at || "the value"}: must not contain a NUL character (U+0000).`, 400);
}

/** Parses URL search parameters with `schema` (absent parameters take the schema's defaults). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  refuseNul(params);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError("invalid_request", describeZodError(parsed.error), 400);
  return parsed.data;
}
