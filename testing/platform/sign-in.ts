import nextAuthImport from "next-auth";
import { defaultExport } from "@/lib/auth/default-export";
import { getAuthOptions } from "@/lib/auth/options";
import { sessionCookieName } from "@/lib/http/session";

type Jar = Record<string, string>;
const NextAuth = defaultExport(nextAuthImport) as unknown as (
  req: unknown,
  res: unknown,
  options: unknown,
) => Promise<void>;

/**
 * next-auth with our options, in-process, through its Node (pages) entry point: the App Router entry needs Next's
 * request scope (it reads `cookies()`), this one takes plain objects, and both hand the same core the same request.
 */
async function nextAuth(input: {
  action: string;
  providerId?: string;
  cookies?: Jar;
  body?: Jar;
  query?: Jar;
  headers?: Record<string, string>;
}) {
  const headers = new Map<string, string | string[]>();
  const response = {
    status: 200,
    body: undefined as unknown,
    setCookies: {} as Jar,
    setCookieLines: [] as string[],
    redirect: undefined as string | undefined,
  };
  const res = {
    status: (code: number) => ((response.status = code), res),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string | string[]) => (headers.set(name.toLowerCase(), value), res),
    end: () => undefined,
    json: (body: unknown) => ((response.body = body), undefined),
    send: (body: unknown) => ((response.body = body), undefined),
  };
  const req = {
    method: input.body ? "POST" : "GET",
    query: { ...input.query, nextauth: input.providerId ? [input.action, input.providerId] : [input.action] },
    body: input.body ?? {},
    cookies: input.cookies ?? {},
    headers: { host: "localhost:3000", ...input.headers },
  };
  await NextAuth(req, res, getAuthOptions());
  for (const line of [headers.get("set-cookie") ?? []].flat()) {
    response.setCookieLines.push(line);
    const [pair] = line.split(";");
    response.setCookies[pair!.slice(0, pair!.indexOf("="))] = decodeURIComponent(pair!.slice(pair!.indexOf("=") + 1));
  }
  response.redirect = (response.body as { url?: string } | undefined)?.url ?? [headers.get("location") ?? []].flat()[0];
  return response;
}

/** next-auth's CSRF double-submit pair: the token for the form and the cookie it must travel with. */
async function csrf(): Promise<{ token: string; cookies: Jar }> {
  const response = await nextAuth({ action: "csrf" });
  return { token: (response.body as { csrfToken: string }).csrfToken, cookies: response.setCookies };
}

/**
 * Signs in through next-auth's credentials callback, the way the sign-in form does. Returns the session Cookie header
 * (and every Set-Cookie line of the answer, attributes included), or next-auth's error (its redirect's `error`
 * parameter) when sign-in was refused.
 */
export async function signInWithPassword(input: {
  email: string;
  password: string;
  headers?: Record<string, string>;
}): Promise<{ cookie?: string; setCookieLines?: string[]; error?: string }> {
  const { token, cookies } = await csrf();
  const response = await nextAuth({
    action: "callback",
    providerId: "credentials",
    cookies,
    body: { email: input.email, password: input.password, csrfToken: token, json: "true" },
    headers: input.headers,
  });
  const session = response.setCookies[sessionCookieName()];
  if (session) return { cookie: `${sessionCookieName()}=${session}`, setCookieLines: response.setCookieLines };
  const location = response.redirect ?? (response.body as { url?: string } | undefined)?.url ?? "";
  return { error: new URL(location, "http://localhost:3000").searchParams.get("error") ?? `status ${response.status}` };
}

/** Signs out through next-auth's sign-out action with the given session cookie. */
export async function signOutWithCookie(cookie: string): Promise<void> {
  const { token, cookies } = await csrf();
  await nextAuth({ action: "signout", cookies: { ...cookies, ...cookieJar(cookie) }, body: { csrfToken: token } });
}

/** The session cookie's name and value, as next-auth reads them from its request's cookies. */
function cookieJar(cookie: string): Jar {
  return { [cookie.slice(0, cookie.indexOf("="))]: cookie.slice(cookie.indexOf("=") + 1) };
}

/**
 * next-auth's own `GET /api/auth/session` with a session cookie: its answer (`{}` when signed out) and whether it
 * cleared the cookie.
 */
export async function nextAuthSession(cookie: string): Promise<{ body: unknown; cleared: boolean }> {
  const response = await nextAuth({ action: "session", cookies: cookieJar(cookie) });
  return { body: response.body, cleared: response.setCookies[sessionCookieName()] === "" };
}

/**
 * Signs in with GitHub the way a browser does: starts at next-auth's sign-in action, which answers with GitHub's
 * authorization page (and its state cookie), then comes back to the callback with `code` and that state, as GitHub
 * would redirect. The provider's token and API endpoints must point at a server that stands in for GitHub.
 */
export async function signInWithGitHub(input: { code: string }): Promise<{ cookie?: string; error?: string }> {
  const { token, cookies } = await csrf();
  const started = await nextAuth({
    action: "signin",
    providerId: "github",
    cookies,
    body: { csrfToken: token, callbackUrl: "/", json: "true" },
  });
  const state = new URL(started.redirect ?? "http://invalid/").searchParams.get("state");
  if (!state) return { error: `no authorization redirect: ${started.redirect}` };
  const back = await nextAuth({
    action: "callback",
    providerId: "github",
    cookies: { ...cookies, ...started.setCookies },
    query: { code: input.code, state },
  });
  const session = back.setCookies[sessionCookieName()];
  if (session) return { cookie: `${sessionCookieName()}=${session}` };
  return {
    error: new URL(back.redirect ?? "/", "http://localhost:3000").searchParams.get("error") ?? `status ${back.status}`,
  };
}
