import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { sql } from "drizzle-orm";
import { openDatabase } from "./client";
import { migrateDatabase } from "./migrate";
import { createTestDatabase } from "@/testing/platform/database";

/**
 * Accounts from before email verification existed (migration 0011_accounts) are not taken as verified: nothing
 * proves they own their address (anyone could sign up with someone else's before), so after the upgrade they sign in
 * as before and confirm the address from Settings, or the operator vouches for it with `heldout user verify`.
 */
let host: Awaited<ReturnType<typeof createTestDatabase>>;
const migrations = path.join(import.meta.dirname, "migrations");
before(async () => (host = await createTestDatabase()));
after(async () => host?.drop());

/** The committed migrations up to and including `lastTag`, as a folder drizzle's migrator reads. */
function migrationsUpTo(lastTag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "heldout-migrations-"));
  fs.cpSync(migrations, dir, { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(dir, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  assert.ok(last >= 0, `no migration ${lastTag}`);
  journal.entries = journal.entries.slice(0, last + 1);
  fs.writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify(journal));
  return dir;
}

test("accounts that existed before verification stay unverified through the upgrade; verified ones keep their date", async () => {
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  await host.sql.unsafe(`create database ${name}`);
  const url = new URL(host.url);
  url.pathname = `/${name}`;
  const folder = migrationsUpTo("0010_metaworld_isolation_explicit");
  const old = openDatabase(url.toString(), { max: 1 });
  try {
    await migrate(drizzle(old.sql), { migrationsFolder: folder });
    const tables = await old.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_tables where tablename = 'web_sessions'`,
    );
    assert.equal(tables[0]!.n, 0, "the folder stops before the accounts migration");
    await old.db.execute(
      sql`insert into users (id, email, password_hash, role) values ('old-password', 'old@example.org', 'scrypt$x', 'participant')`,
    );
    await old.db.execute(
      sql`insert into users (id, email, role) values ('old-github', 'octo@example.org', 'participant')`,
    );
    await old.db.execute(
      sql`insert into users (id, email, email_verified, role) values ('old-verified', 'kept@example.org', '2026-01-01T00:00:00Z', 'admin')`,
    );
    await migrateDatabase(url.toString());
    const rows = await old.db.execute<{ id: string; email_verified: Date | null }>(
      sql`select id, email_verified from users order by id`,
    );
    assert.deepEqual(
      rows.map((r) => [r.id, r.email_verified === null ? null : new Date(r.email_verified).toISOString()]),
      [
        ["old-github", null],
        ["old-password", null],
        ["old-verified", "2026-01-01T00:00:00.000Z"],
      ],
    );
  } finally {
    await old.close();
    fs.rmSync(folder, { recursive: true, force: true });
    await host.sql.unsafe(`drop database if exists ${name} with (force)`);
  }
});
