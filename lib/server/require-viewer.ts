import { redirect } from "next/navigation";
import type { User } from "@/db/queries/users";
import { getViewer } from "./viewer";

/** For pages that need an account: the signed-in user, or a redirect to sign-in that comes back here. */
export async function requireViewer(returnTo: string): Promise<User> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return viewer;
}
