import crypto from "node:crypto";
import { openDatabase, type Database } from "@/db/client";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";

/**
 * A fresh, migrated database for one test file, on a real PostgreSQL.
 * Uses the cluster at HELDOUT_TEST_PG_URL (started once by scripts/test.sh); without it, starts an
 * embedded cluster of its own for this process.
 */
export async function createTestDatabase(): Promise<Database & { url: string; drop: () => Promise<void> }> {
  let cluster: EmbeddedPostgres | undefined;
  let adminUrl = process.env.HELDOUT_TEST_PG_URL;
  if (!adminUrl) {
    cluster = await startEmbeddedPostgres({ dir: `/tmp/heldout-test-pg-${process.pid}`, database: "postgres" });
    adminUrl = cluster.url;
  }
  const name = `t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = openDatabase(adminUrl, { max: 1 });
  await admin.sql.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await migrateDatabase(url.toString());
  const database = openDatabase(url.toString());
  return {
    ...database,
    url: url.toString(),
    drop: async () => {
      await database.close();
      await admin.sql.unsafe(`drop database if exists ${name} with (force)`);
      await admin.close();
      await cluster?.stop();
    },
  };
}
