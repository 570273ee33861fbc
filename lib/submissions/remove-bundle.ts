import type { Db } from "@/db/client";
import { isBundleReferenced, lockBundle } from "@/db/queries/submissions";
import type { BundleStore } from "../storage";

/**
 * Deletes a stored bundle unless a submission references it. Runs under the bundle's lock, so an upload of the same
 * content committing at the same moment keeps its file.
 */
export async function removeBundleIfUnreferenced(input: {
  db: Db;
  store: BundleStore;
  sha256: string;
}): Promise<boolean> {
  return input.db.transaction(async (tx) => {
    await lockBundle(tx, input.sha256);
    if (await isBundleReferenced(tx, input.sha256)) return false;
    await input.store.remove(input.sha256);
    return true;
  });
}
