import { cookies } from "next/headers";
import { cache } from "react";
import { findUserById, type User } from "@/db/queries/users";
import { readSessionUserId } from "@/lib/http/session";
import { getDatabase } from "./context";

/** The signed-in user of the page being rendered (read once per request), or undefined. */
export const getViewer = cache(async (): Promise<User | undefined> => {
  const jar = await cookies();
  const userId = await readSessionUserId((name) => jar.get(name)?.value);
  return userId ? findUserById(getDatabase().db, userId) : undefined;
});
