/**
 * A CommonJS package's default export (next-auth's), whether the loader hands over the function itself (Next's
 * bundler) or the exports object around it (Node's ESM loader, as in tests that call the auth routes in-process).
 */
export function defaultExport<T>(imported: T): T {
  const inner = (imported as { default?: T }).default;
  return typeof inner === "function" ? inner : imported;
}
