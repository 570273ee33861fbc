import type { User } from "@/db/queries/users";
import { isOrganizer } from "@/lib/http/auth";
import { requireViewer } from "./require-viewer";

/** For organizer pages: anonymous visitors go to sign-in; signed-in participants get `allowed: false` (a 403 page). */
export async function requireOrganizerPage(returnTo: string): Promise<{ viewer: User; allowed: boolean }> {
  const viewer = await requireViewer(returnTo);
  return { viewer, allowed: isOrganizer(viewer) };
}
