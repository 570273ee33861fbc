import Link from "next/link";
import { listOwnSubmissions } from "@/lib/server/own-submissions";
import { requireViewer } from "@/lib/server/require-viewer";
import { Badge, StatusBadge } from "../_components/badges";
import { formatDate } from "../_components/format";

export const metadata = { title: "My submissions" };

export default async function MySubmissionsPage() {
  const viewer = await requireViewer("/submissions");
  const rows = await listOwnSubmissions(viewer.id);
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">My submissions</h1>
        <Link href="/submit" className="btn">
          New submission
        </Link>
      </div>
      {rows.length === 0 ? (
        <div className="card p-8 text-center text-slate-500">Nothing submitted yet.</div>
      ) : (
        <div className="card overflow-x-auto">
          <table className="w-full text-sm" data-testid="my-submissions">
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-3">Name</th>
                <th className="px-4 py-3">Benchmark</th>
                <th className="px-4 py-3">Status</th>
                <th className="px-4 py-3 text-right">Submitted</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr key={r.id}>
                  <td className="px-4 py-3">
                    <Link href={`/submissions/${r.id}`}>{r.name}</Link>{" "}
                    {r.visibility === "private" && <Badge>private</Badge>}
                  </td>
                  <td className="px-4 py-3">
                    <Link href={`/benchmarks/${r.benchmarkSlug}`}>{r.benchmarkTitle}</Link>
                  </td>
                  <td className="px-4 py-3">
                    <StatusBadge status={r.status} />
                  </td>
                  <td className="px-4 py-3 text-right text-xs text-slate-500">{formatDate(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
