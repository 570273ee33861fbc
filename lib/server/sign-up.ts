import { createUserWithPassword } from "@/db/queries/users";
import { getDatabase } from "./context";

/** A new participant account with a password; a taken email → 409, a short password → 400. */
export async function signUp(input: { email: string; password: string; name?: string }) {
  return createUserWithPassword(getDatabase().db, input);
}
