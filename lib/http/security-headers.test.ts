import assert from "node:assert/strict";
import { test } from "node:test";
import { securityHeaders } from "./security-headers";

test("HSTS only under https; eval only in next dev; the nonce is the only way a script runs", () => {
  const plain = securityHeaders({ nonce: "abc", dev: false, https: false });
  assert.equal(plain["Strict-Transport-Security"], undefined);
  assert.match(plain["Content-Security-Policy"]!, /script-src 'self' 'nonce-abc' 'strict-dynamic';/);
  assert.doesNotMatch(plain["Content-Security-Policy"]!, /unsafe-eval|script-src[^;]*unsafe-inline/);
  assert.match(
    securityHeaders({ nonce: "abc", dev: false, https: true })["Strict-Transport-Security"]!,
    /max-age=\d{8}/,
  );
  assert.match(securityHeaders({ nonce: "abc", dev: true, https: false })["Content-Security-Policy"]!, /'unsafe-eval'/);
  for (const name of ["X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"])
    assert.ok(plain[name], name);
});
