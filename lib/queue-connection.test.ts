import assert from "node:assert/strict";
import { test } from "node:test";
import { isConnectionLoss } from "./queue-connection";

test("lost or refused connections are told apart from failed queries", () => {
  for (const code of ["ECONNREFUSED", "CONNECTION_CLOSED", "57P03", "57P01", "08006"]) {
    assert.equal(isConnectionLoss(Object.assign(new Error("x"), { code })), true, code);
  }
  assert.equal(isConnectionLoss(new Error("Connection terminated unexpectedly")), true);
  for (const code of ["22P05", "23505", "42P01"]) {
    assert.equal(isConnectionLoss(Object.assign(new Error("x"), { code })), false, code);
  }
  assert.equal(isConnectionLoss(new Error("boom")), false);
  assert.equal(isConnectionLoss(undefined), false);
});
