import { z } from "zod";
import { getConfig } from "@/lib/config";
import { UsageError } from "./args";
import { errorBodySchema } from "./api";

export type Server = { url: string; token: string | undefined };

/** Says what went wrong talking to the server, in the server's own words when it gave any. Exit status 1. */
export class ServerError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ServerError";
  }
}

/** Server URL and token from the flags, else HELDOUT_URL / HELDOUT_TOKEN. */
export function resolveServer(flags: { url?: string; token?: string }, options: { needToken: boolean }): Server {
  const config = getConfig();
  const url = flags.url ?? config.client.url;
  if (!url) throw new UsageError("No server given: pass --url https://heldout.example.org or set HELDOUT_URL.");
  if (!z.url({ protocol: /^https?$/ }).safeParse(url).success)
    throw new UsageError(`--url must be an http(s) URL, got '${url}'.`);
  const token = flags.token ?? config.client.token;
  if (options.needToken && !token) {
    throw new UsageError(
      "No API token: pass --token or set HELDOUT_TOKEN (create one on the site under Settings, or with `heldout token create`).",
    );
  }
  return { url: url.replace(/\/+$/, ""), token };
}

export function authHeaders(server: Server): Record<string, string> {
  return server.token ? { authorization: `Bearer ${server.token}` } : {};
}

/** The error a non-2xx response stands for: the server's `{ error: { message } }`, or its status line. */
export function responseError(status: number, statusText: string, body: string): ServerError {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) return new ServerError(parsed.data.error.message, status, parsed.data.error.code);
  } catch {
    // Not JSON: a proxy or a crash page; fall through to the status line.
  }
  return new ServerError(`The server answered ${status}${statusText ? ` ${statusText}` : ""}.`, status);
}

/** GET a path on the server; a non-2xx answer throws ServerError with the server's message. */
export async function getText(server: Server, pathAndQuery: string, accept = "application/json"): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${server.url}${pathAndQuery}`, { headers: { accept, ...authHeaders(server) } });
  } catch (error) {
    throw unreachable(server, error);
  }
  const body = await response.text();
  if (!response.ok) throw responseError(response.status, response.statusText, body);
  return body;
}

export async function getJson<T>(server: Server, pathAndQuery: string, schema: z.ZodType<T>): Promise<T> {
  const body = await getText(server, pathAndQuery);
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new ServerError(`The server's answer to ${pathAndQuery} is not JSON; is ${server.url} a Heldout server?`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new ServerError(
      `The server's answer to ${pathAndQuery} has an unexpected shape; is ${server.url} a Heldout server of this version?`,
    );
  return parsed.data;
}

export function unreachable(server: Server, error: unknown): ServerError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const why = cause?.code ?? cause?.message ?? (error as Error).message;
  return new ServerError(`Cannot reach ${server.url} (${why}).`);
}
