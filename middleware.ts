import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { securityHeaders } from "@/lib/http/security-headers";

/**
 * Security headers on every page and API response. The CSP's nonce is fresh per request and handed to Next on the
 * request's own CSP header, which is where Next reads the nonce it puts on its scripts.
 */
export function middleware(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https =
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto") === "https" ||
    !!getConfig().siteUrl?.startsWith("https://");
  const headers = securityHeaders({ nonce, dev: getConfig().dev, https });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Node.js runtime: the configuration module reads the environment with Node APIs.
  runtime: "nodejs",
  matcher: "/:path*",
};
