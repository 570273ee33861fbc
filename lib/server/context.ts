import { getConfig } from "@/lib/config";
import { openDatabase, type Database } from "@/db/client";
import { createMailer, type Mailer } from "@/lib/mail/mailer";
import { createQueue, type Queue } from "@/lib/queue";
import { openBundleStore, type BundleStore } from "@/lib/storage";

/**
 * The web server's shared resources, opened on first use and kept for the life of the process.
 * Nothing connects at import; `heldout start` passes DATABASE_URL to the site.
 */
let database: Database | undefined;

export function getDatabase(): Database {
  if (!database) {
    const url = getConfig().databaseUrl;
    if (!url) throw new Error("DATABASE_URL is not set: start the site with `heldout start` or set DATABASE_URL.");
    database = openDatabase(url);
  }
  return database;
}

let store: BundleStore | undefined;

/** The bundle store under the configured HELDOUT_STORAGE. */
export function getBundleStore(): BundleStore {
  store ??= openBundleStore(getConfig().storageDir);
  return store;
}

let mailer: Mailer | undefined;

/** Outgoing mail (SMTP or the outbox), set up on first use. */
export function getMailer(): Mailer {
  mailer ??= createMailer(getConfig());
  return mailer;
}

let queue: Promise<Queue> | undefined;

/** The pg-boss queue submissions are enqueued on, started once per process. */
export function getQueue(): Promise<Queue> {
  if (!queue) {
    const url = getConfig().databaseUrl;
    if (!url) throw new Error("DATABASE_URL is not set: start the site with `heldout start` or set DATABASE_URL.");
    queue = createQueue({ url, db: getDatabase().db }).catch((error: unknown) => {
      queue = undefined;
      throw error;
    });
  }
  return queue;
}

/** Stops the queue and closes the pool (tests and benches that run route handlers in-process). */
export async function closeServerContext(): Promise<void> {
  const openQueue = queue;
  const openDatabase = database;
  queue = undefined;
  database = undefined;
  mailer = undefined;
  store = undefined;
  await (await openQueue?.catch(() => undefined))?.stop({ graceful: false, timeoutMs: 5000 });
  await openDatabase?.close();
}
