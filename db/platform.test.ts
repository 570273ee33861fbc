import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { sql } from "drizzle-orm";
import { parseConfig } from "@/lib/config";
import { openPlatformDatabase } from "./platform";

// Without DATABASE_URL the platform runs its own PostgreSQL under HELDOUT_HOME: migrated, shared with other
// commands while it runs, and its data kept across restarts.
const home = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-platform-"));
after(() => fs.rmSync(home, { recursive: true, force: true }));

test("embedded platform database: migrated, shared while running, kept across restarts", async () => {
  const config = parseConfig({ HELDOUT_HOME: home });
  const first = await openPlatformDatabase(config);
  assert.equal(first.embedded, true);
  try {
    await first.database.db.execute(sql`insert into users (id, email) values ('u1', 'kept@example.org')`);
    const second = await openPlatformDatabase(config); // e.g. `heldout user add` while `heldout start` runs
    assert.equal(second.embedded, false, "a running cluster is joined, not started twice");
    const rows = await second.database.db.execute(sql`select email from users`);
    assert.deepEqual(
      rows.map((r) => r.email),
      ["kept@example.org"],
    );
    await second.stop();
    await first.database.db.execute(sql`select 1`); // the joiner's stop left the cluster running
  } finally {
    await first.stop();
  }
  const restarted = await openPlatformDatabase(config);
  try {
    assert.equal(restarted.embedded, true);
    const rows = await restarted.database.db.execute(sql`select email from users`);
    assert.deepEqual(
      rows.map((r) => r.email),
      ["kept@example.org"],
    );
  } finally {
    await restarted.stop();
  }
});
