import assert from "node:assert/strict";
import { test } from "node:test";
import { hashesRunning, hashPassword, MAX_CONCURRENT_HASHES, verifyPassword } from "./password";

test("a burst of hashes and checks runs at most MAX_CONCURRENT_HASHES at a time, and every one completes", async () => {
  let peak = 0;
  const watch = setInterval(() => (peak = Math.max(peak, hashesRunning())), 1);
  const stored = await hashPassword("correct horse battery");
  const results = await Promise.all([
    ...Array.from({ length: 5 }, () => verifyPassword("correct horse battery", stored)),
    ...Array.from({ length: 3 }, () => verifyPassword("wrong password!", stored)),
    ...Array.from({ length: 3 }, () => hashPassword("another password").then((h) => h.startsWith("scrypt$"))),
  ]);
  clearInterval(watch);
  assert.deepEqual(results, [true, true, true, true, true, false, false, false, true, true, true]);
  assert.ok(peak >= 1 && peak <= MAX_CONCURRENT_HASHES, `peak ${peak}`);
  assert.equal(hashesRunning(), 0);
});
