import * as queries from "@/db/queries/views";
import { getDatabase } from "./context";

/** The user's own submissions, newest first, across benchmarks. */
export async function listOwnSubmissions(userId: string) {
  return queries.listOwnSubmissions(getDatabase().db, userId);
}
