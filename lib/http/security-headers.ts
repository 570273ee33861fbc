/**
 * The security headers every response carries (set by middleware.ts). Pure: the nonce and the scheme come in.
 *
 * Scripts run only with this response's nonce ('strict-dynamic' lets Next's nonce'd loader pull in its chunks);
 * styles allow inline attributes because React's style={{…}} and the server-rendered Vega SVGs use them, and a style
 * attribute cannot run code. `next dev` evaluates source maps with eval, so only it gets 'unsafe-eval'.
 */
export function contentSecurityPolicy(input: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${input.nonce}' 'strict-dynamic'${input.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(input: { nonce: string; dev: boolean; https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(input),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Only over https: HSTS on plain http would be ignored at best and lock out a local install at worst.
    ...(input.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
