import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { displayText } from "@/lib/core/untrusted-text";

export const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Messages often quote what was sent (a name, a path segment): shown harmlessly wherever they end up. */
export function jsonError(code: string, message: string, status: number): Response {
  const body: ErrorBody = { error: { code, message: displayText(message, 4000) } };
  return Response.json(body, { status });
}

/** A zod failure as one readable sentence: "name: must be at most 64 characters; file: required". */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/** Maps anything a handler throws to the JSON error body every API route speaks. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return jsonError(error.code, error.message, error.status);
  if (error instanceof z.ZodError) return jsonError("invalid_request", describeZodError(error), 400);
  console.error("[heldout] unhandled error in a route handler:", error);
  return jsonError("internal", "Something went wrong on the server. The error was logged.", 500);
}
