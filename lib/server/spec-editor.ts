import type { User } from "@/db/queries/users";
import { canOrganizeBenchmark } from "@/lib/auth/benchmark-rights";
import { loadEditableYaml } from "@/lib/authoring/editable";
import { isOrganizer } from "@/lib/http/auth";
import { requireBenchmarkView } from "./benchmark-view";
import { getDatabase } from "./context";

/**
 * What the spec editor opens with: a blank spec for the organizer role (which creates benchmarks), or the editable
 * YAML of an existing benchmark for its owner, its co-organizers and admins only (the role alone reads no one
 * else's). A benchmark the viewer may not see is not found (404), as everywhere else.
 */
export async function loadSpecEditor(input: { viewer: User; edit: string | undefined }) {
  if (input.edit === undefined) return { allowed: isOrganizer(input.viewer), editing: undefined };
  const { db } = getDatabase();
  const benchmark = await requireBenchmarkView({ slug: input.edit, viewer: input.viewer });
  if (!(await canOrganizeBenchmark(db, input.viewer, benchmark.id))) return { allowed: false, editing: undefined };
  return { allowed: true, editing: await loadEditableYaml(db, benchmark.slug) };
}
