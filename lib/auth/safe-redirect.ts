/** An origin no real site has: relative paths are resolved against it to see where a browser would really go. */
const PROBE_ORIGIN = "https://heldout.invalid";

/**
 * The same-origin path a `callbackUrl` may send the browser to after sign-in, or "/" when it could leave the site.
 * Browsers treat `\` as `/` and drop tabs and newlines inside URLs, so `/\evil.example` and `/\t/evil.example` are
 * `//evil.example` to them: any backslash or control character refuses the whole value. What remains is resolved
 * the way a browser resolves it, kept only when it stays on our origin, and re-serialized (so `//`, absolute URLs
 * and encoded forms never survive as something else).
 */
export function safeCallbackPath(raw: string | undefined | null): string {
  // eslint-disable-next-line no-control-regex -- control characters are among the tricks refused
  if (!raw || !raw.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(raw)) return "/";
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PROBE_ORIGIN) return "/";
  const path = url.pathname + url.search + url.hash;
  // A path that re-serializes to `//x` would be protocol-relative when handed to the browser again.
  return path.startsWith("//") ? "/" : path;
}
