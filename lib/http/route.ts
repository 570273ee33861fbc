import { errorResponse } from "./errors";
import { checkPathParams } from "./identifiers";

type Handler<P> = (req: Request, params: P) => Promise<Response>;

/**
 * Wraps a route handler: awaits Next's params promise, checks the identifiers in it (checkPathParams) and turns
 * every thrown error into the JSON error body. `resources` names what an `id` parameter identifies ("submission"),
 * for the 404 of a malformed one.
 * The handler itself stays a few lines: authenticate, parse, call one domain function, respond.
 */
export function route<P = Record<string, never>>(
  handler: Handler<P>,
  resources: Partial<Record<keyof P & string, string>> = {},
) {
  return async (req: Request, context?: { params?: Promise<P> }): Promise<Response> => {
    try {
      const params = (await context?.params) ?? ({} as P);
      checkPathParams(params as Record<string, unknown>, resources);
      return await handler(req, params);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
