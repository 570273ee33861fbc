import type { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { describeZodError } from "./errors";

const MAX_JSON_BYTES = 64 * 1024;

/** Parses a JSON request body with `schema`; a clear 400 for a missing, oversized, malformed or invalid body. */
export async function readJson<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const text = await req.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError("invalid_request", "The request body is too large.", 413);
  let value: unknown;
  try {
    value = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.", 400);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("invalid_request", describeZodError(parsed.error), 400);
  return parsed.data;
}

/** Parses URL search parameters with `schema` (absent parameters take the schema's defaults). */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new AppError("invalid_request", describeZodError(parsed.error), 400);
  return parsed.data;
}
