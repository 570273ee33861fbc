import Link from "next/link";
import { loadOrganizeList } from "@/lib/server/benchmark-view";
import { requireViewer } from "@/lib/server/require-viewer";
import { Badge } from "../_components/badges";
import { Forbidden } from "../_components/forbidden";

export const metadata = { title: "Organize" };

export default async function OrganizePage() {
  // Only the benchmarks this account organizes: the organizer role alone reaches no one else's.
  const { allowed, canCreate, benchmarks } = await loadOrganizeList(await requireViewer("/organize"));
  if (!allowed) return <Forbidden message="Only organizers and admins can manage benchmarks." />;
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Organize</h1>
        {canCreate && (
          <Link href="/organize/new" className="btn" data-testid="organize-create">
            Create from a built-in definition
          </Link>
        )}
      </div>
      {benchmarks.length === 0 && (
        <p className="card p-5 text-sm text-slate-500" data-testid="organize-none">
          You organize no benchmark yet: create one, or ask a benchmark's owner to add you as a co-organizer.
        </p>
      )}
      <ul className="card divide-y divide-slate-100">
        {benchmarks.map((b) => (
          <li key={b.id} className="flex items-center justify-between px-5 py-3 text-sm">
            <span>
              <span className="font-medium">{b.title}</span> <span className="text-slate-500">({b.slug})</span>{" "}
              {b.phase && (
                <Badge tone={b.phase.isOpen ? "scored" : "neutral"}>
                  {b.phase.name}: {b.phase.isOpen ? "open" : "closed"}
                </Badge>
              )}
            </span>
            <Link href={`/organize/${b.slug}`} className="btn-secondary" data-testid="organize-edit">
              Edit phases
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
