import type { Db } from "@/db/client";
import { insertUser, normalizeEmail, type Role, type User } from "@/db/queries/users";
import { AppError } from "../core/errors";
import { assertPasswordStrength, hashPassword } from "./password";

/** Creates a user with a password. Refuses a short password (400) or a taken email (409) with a clear error. */
export async function createUserWithPassword(
  db: Db,
  input: { email: string; password: string; name?: string; role?: Role; emailVerified?: Date | null },
): Promise<User> {
  assertPasswordStrength(input.password);
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const user = await insertUser(db, {
    email,
    name: input.name ?? email.split("@")[0]!,
    passwordHash,
    role: input.role ?? "participant",
    emailVerified: input.emailVerified ?? null,
  });
  if (!user) throw new AppError("email_taken", `An account with ${email} already exists.`, 409);
  return user;
}
